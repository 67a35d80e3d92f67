/**
 * Plumbing of `@wbapi/core` for the platform packages (`@wbapi/node`, `@wbapi/browser`), the
 * CLI and tests: the GraphQL client, sessions, redaction, page helpers, path parsing, decoders.
 * No compatibility promise: anything here may change in any release.
 *
 * @packageDocumentation
 */
export * from './errors';
export { malformedReply } from './errors/malformed-reply';
export * from './json';
export * from './transport';
export { combineHooks } from './transport/hooks';
export * from './pagination';
export * from './paths';
export { ApiSession, type PassThroughClientOptions } from './session/api-session';
export {
  DEFAULT_BASE_URL,
  resolveSettings,
  settingsFromOverrides,
  stripTrailingSlashes,
} from './session/settings';
export { appUrlFor, appPageUrl, quoteSegment } from './session/app-url';
export { webPlatform } from './session/default-platform';
export {
  resolveEntity,
  resolveProjectPath,
  resolveReportsPath,
  resolveRunPath,
} from './session/resolve-path';
export { toViewer } from './session/viewer';
export { DEFAULT_RUNS_ORDER, runsQuery, type RunsQuery } from './runs/list-runs';
export { fetchRunAttrs } from './runs/get-run';
export { decodeRun, toRunData } from './runs/run-data';
export { decodeConfig, decodeJsonObject, encodeConfig, type DecodedConfig } from './runs/decode';
export { encodeFilters } from './runs/encode-filters';
export { describeRun } from './runs/run-attrs';
export { runNotFound } from './runs/run-not-found';
export { firstSpecRows, parseRows, toColumns, validateKeys } from './history/history';
export { fetchHistoryPage } from './history/history-page';
export { loadParquetReader } from './history/load-parquet-reader';
export { nextWindow, resumeOffset, scanRange, type ScanRange, type ScanWindow } from './history/scan-plan';
export { filesQuery, fileNotFound } from './files/list-files';
export { fileUrl } from './files/file-attrs';
export { fileSource } from './files/download-file';
export { openFile, skipBytes } from './files/open-file';
export { describeSweep } from './sweeps/get-sweep';
export { sweepsQuery } from './sweeps/list-sweeps';
export { sweepOrder } from './sweeps/sweep-order';
export { parseSweepConfig } from './sweeps/sweep-config';
export { projectsQuery } from './projects/list-projects';
export { reportsQuery } from './reports/list-reports';
export { reportRunsQuery } from './reports/report-runs';
export * from './query-generator';
export { ObjectCache } from './api/object-cache';
