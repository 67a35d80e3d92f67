import { ServerFeaturesDocument } from '@wbapi/gql';
import type { Session } from '../session/session';
import { WandbError } from '../errors/wandb-error';
import type { CallOptions } from '../transport';

/** Feature flags that change which artifact queries are sent (wandb/wandb `wandb/apis/public/service_api.py`, `core/internal/featurechecker/features.go`). */
export type ArtifactFeature =
  | 'PROJECT_ARTIFACT_COLLECTION_MEMBERSHIP'
  | 'ARTIFACT_COLLECTION_MEMBERSHIP_FILES'
  | 'TOTAL_COUNT_IN_FILE_CONNECTION'
  | 'ARTIFACT_COLLECTIONS_FILTERING_SORTING'
  | 'ARTIFACT_V2_DOWNLOAD_HANDLER_SUPPORTS_ARTIFACT_ID'
  | 'ARTIFACT_COLLECTION_MEMBERSHIP_FILE_DOWNLOAD_HANDLER'
  | 'ARTIFACT_REGISTRY_SEARCH';

/** The enabled feature names of a server. */
export type ServerFeatures = ReadonlySet<string>;

const NO_FEATURES_FIELD = 'Cannot query field "features" on type "ServerInfo".';
const probes = new WeakMap<object, Promise<ServerFeatures>>();

/**
 * The server's enabled features, asked once per client (`serverInfo { features }`) and cached.
 * A server without the field has none; any other error fails the call (and is not cached).
 */
export function serverFeatures(context: Session, options: CallOptions = {}): Promise<ServerFeatures> {
  const cached = probes.get(context.client);
  if (cached) return cached;
  const probe = context.client.request(ServerFeaturesDocument, {}, { ...options, cache: false }).then(
    (data) => new Set((data.serverInfo?.features ?? []).filter((f) => f.isEnabled).map((f) => f.name)),
    (error: unknown) => {
      if (error instanceof WandbError && error.message.includes(NO_FEATURES_FIELD)) return new Set<string>();
      probes.delete(context.client);
      throw error;
    },
  );
  probes.set(context.client, probe);
  return probe;
}

/** Whether the server has `feature`. */
export async function hasFeature(
  context: Session,
  feature: ArtifactFeature,
  options: CallOptions = {},
): Promise<boolean> {
  return (await serverFeatures(context, options)).has(feature);
}
