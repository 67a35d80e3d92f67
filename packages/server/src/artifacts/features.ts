/**
 * `serverInfo.features` for artifacts (wandb/wandb `wandb/apis/public/service_api.py`, `core/internal/featurechecker/features.go`): membership queries, membership file
 * listings with `totalCount`, and the V2 fallback download route with the artifact id.
 */
export const ARTIFACT_FEATURES: readonly { name: string; isEnabled: boolean }[] = [
  'PROJECT_ARTIFACT_COLLECTION_MEMBERSHIP',
  'ARTIFACT_COLLECTION_MEMBERSHIP_FILES',
  'TOTAL_COUNT_IN_FILE_CONNECTION',
  'ARTIFACT_V2_DOWNLOAD_HANDLER_SUPPORTS_ARTIFACT_ID',
  'ARTIFACT_COLLECTION_MEMBERSHIP_FILE_DOWNLOAD_HANDLER',
].map((name) => ({ name, isEnabled: true }));
