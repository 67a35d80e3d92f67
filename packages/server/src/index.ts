/**
 * @wbapi/server: a local Weights & Biases-compatible server (GraphQL over HTTP, SQLite storage,
 * demo data, fault injection) for offline use and tests.
 *
 * @packageDocumentation
 */

/** The package's version. */
export const VERSION: string = '0.0.0';

export { startServer, type RunningServer, type StartServerOptions } from './start-server';
export { Store, type StoreOptions } from './store/store';
export type { ImportSummary } from './store/import-dataset';
export {
  HISTORY_EXPORT_VARIANTS,
  variedHistoryRows,
  type HistoryExportOptions,
  type HistoryExportSummary,
} from './exports';
export {
  FaultController,
  type FailKind,
  type FaultConfig,
  type FaultDecision,
  type FaultTarget,
} from './faults/faults';
export type { CorsOptions } from './http/cors';
export type { ReceivedRequest } from './http/received-request';
export { createExecutableSchema } from './schema/executable-schema';
export { SDL } from './schema/sdl';
export {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  DEFAULT_HISTORY_SAMPLES,
  MAX_HISTORY_SAMPLES,
} from './util/limits';
export {
  DEFAULT_QUERY_BUDGET_MS,
  MAX_FILTER_DEPTH,
  MAX_FILTER_LENGTH,
  MAX_FILTER_OPERATORS,
  MAX_FILTER_VALUES,
  MAX_REGEX_LENGTH,
} from './query';
export { MAX_QUERY_TOKENS } from './http/document-cache';
export type * from './demo/dataset';
export {
  DEMO_API_KEY,
  datasetRun,
  generateDemoDataset,
  loadFixture,
  FixtureError,
  type DatasetRunFields,
} from './demo';
export {
  ECHO_SCENARIOS,
  leaksOf,
  startCredentialEcho,
  type CredentialEcho,
  type EchoScenario,
} from './echo/credential-echo';
export {
  ArtifactStore,
  type AddedArtifact,
  type ArtifactFileInput,
  type ArtifactInput,
  type LinkInput,
} from './artifacts/artifact-store';
export { SignedUrls, type SignatureCheck } from './artifacts/signed-urls';
export { artifactDigest } from './artifacts/digest';
export { ARTIFACT_FEATURES } from './artifacts/features';
export { DEMO_ORGANIZATION, type DemoArtifactOptions } from './demo/artifacts';
