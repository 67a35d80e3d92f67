/**
 * Platform-free client for the Weights & Biases public query API. Two layers, both exported
 * here:
 *
 * - functions (`createSession`, `listRuns`, `getRun`, `sampledHistory`, `scanHistory`,
 *   `listFiles`, `getFile`, `downloadFile`, `getSweep`, `listReports`, `listProjects`, ...):
 *   each takes a session and plain references, and imports only what it needs, so that a page
 *   ships only the code it calls;
 * - classes like Python's (`Api`, `Run`, `Runs`, `File`, `Sweep`, `Project`, `BetaReport`, ...),
 *   a thin layer over the functions.
 *
 * Plumbing for platform packages is in `@wbapi/core/internal` (no compatibility promise).
 *
 * @packageDocumentation
 */
export { VERSION, DEFAULT_USER_AGENT, COMPATIBLE_SDK_VERSION } from './version';

// Errors
export { WandbError, type WandbErrorOptions } from './errors/wandb-error';
export { HttpError, type HttpErrorInit } from './errors/http-error';
export { AuthenticationError } from './errors/authentication-error';
export { NotFoundError } from './errors/not-found-error';
export { RateLimitError } from './errors/rate-limit-error';
export { GraphQLError, type GraphQLErrorEntry, type GraphQLErrorInit } from './errors/graphql-error';
export { TimeoutError } from './errors/timeout-error';
export { NetworkError } from './errors/network-error';
export { BadInputError } from './errors/bad-input-error';
export { PaginationError } from './errors/pagination-error';
export { MalformedResponseError } from './errors/malformed-response-error';
export { FileExistsError } from './errors/file-exists-error';
export { UnsafePathError } from './errors/unsafe-path-error';
export { ChecksumMismatchError } from './errors/checksum-mismatch-error';
export { FileSystemError } from './errors/file-system-error';
export { NotLoadedError } from './errors/not-loaded-error';
export { ParquetHistoryUnsupportedError } from './history/parquet/parquet-history-unsupported-error';
export { ExportUrlError } from './history/parquet/export-url-error';
export { ParquetHistoryFormatError } from './history/parquet/parquet-history-format-error';
export { IncompleteRunHistoryError } from './history/parquet/incomplete-run-history-error';
export { MAX_FILTER_DEPTH, MAX_FILTER_VALUES, MAX_PER_PAGE, MAX_SAMPLES } from './validate';

// JSON as W&B writes it (NaN, ±Infinity)
export { parseWandbJson } from './json/parse-wandb-json';
export { stringifyWandbJson } from './json/stringify-wandb-json';

// Transport options and hooks (the client itself is in `@wbapi/core/internal`)
export type { CacheOptions, CallOptions, ClientOptions, Clock, RetryOptions } from './transport/options';
export {
  responseCache,
  type CachePart,
  type CachedQuery,
  type QueryCache,
  type SendQuery,
} from './transport/query-cache';
export type {
  CallKind,
  ErrorEvent,
  Hooks,
  Logger,
  RequestEvent,
  ResponseEvent,
  RetryEvent,
} from './transport/hooks';

// Platform, session, references, pagination
export type * from './platform';
export type { PostText, TextReply, TextRequestInit } from './transport/post-text';
export type { BytesReply, BytesRequestInit, GetBytes } from './transport/get-bytes';
export { createSession, type SessionOptions } from './session/create-session';
export type { ClientLike, DefaultPath, RequestOptions, Session } from './session/session';
export type { ApiOverrides, ResolvedSettings } from './session/settings';
export { getViewer, getDefaultEntity, type Viewer } from './session/viewer';
export type { ProjectRef, RunRef } from './paths/refs';
export { Pager, type PagerOptions } from './pagination/pager';
export type { Page, PageFetcher } from './pagination/page';

// Runs
export {
  listRuns,
  type FullRunsOptions,
  type LightRunsOptions,
  type ProjectTarget,
  type RunsOptions,
} from './runs/list-runs';
export { getRun } from './runs/get-run';
export type { DecodedRun, LightRunData, RunData } from './runs/run-data';
export type { JsonObject } from './runs/decode';
export type { RunAttrs, RunUser } from './runs/run-attrs';
export { updateRun, writeSummary, deleteRun, type RunUpdate } from './runs/run-update';
export { createRun, type CreateRunOptions } from './runs/create-run';
export { generateRunId } from './runs/run-id';
export { FINAL_RUN_STATES, waitUntilFinished, type WaitOptions } from './runs/wait-until-finished';

// History
export type { HistoryColumns, HistoryOptions, HistoryRow } from './history/history';
export { batchRows, type HistoryBatch, type HistoryColumn } from './history/history-batch';
export { sampledHistory } from './history/sampled-history';
export { anyKeyHistory } from './history/any-key-history';
export { lastHistoryStep } from './history/last-history-step';
export {
  HistoryScan,
  historyBatches,
  scanHistory,
  type HistoryScanIterator,
  type ScanHistoryOptions,
} from './history/history-scan';
export type { HistorySource } from './history/history-source';
export type { ParquetReader } from './history/load-parquet-reader';
export {
  downloadHistoryExports,
  type DownloadHistoryExportsOptions,
  type HistoryExportsDownload,
} from './history/history-exports';

// Files
export type { FileAttrs } from './files/file-attrs';
export { listFiles, getFile, type FilesOptions } from './files/list-files';
export { downloadFile, streamFile } from './files/download-file';

// Artifacts and the registry (read side)
export * from './artifacts';

// Sweeps, projects, reports
export { getSweep, type SweepAttrs, type SweepData } from './sweeps/get-sweep';
export { listSweeps, type SweepsOptions } from './sweeps/list-sweeps';
export { createSweep, type CreateSweepOptions, type CreatedSweep } from './sweeps/create-sweep';
export type { SweepConfigInput } from './sweeps/sweep-config-text';
export { loadEntity, loadTeam } from './entities/load-entity';
export type { Entity, EntityMember } from './entities/entity';
export { listProjects, getProject, type ProjectAttrs, type ProjectsOptions } from './projects/list-projects';
export { listReports, type ReportAttrs, type ReportsOptions } from './reports/list-reports';
export type { ReportRunsOptions, ReportRunsQuery } from './reports/report-runs';
export { reportUrl, reportSlug } from './reports/report-url';

// Filters and orders as the W&B UI writes them (Python's `QueryGenerator`)
export { QueryGenerator } from './query-generator/query-generator';
export type * from './query-generator/types';

// Bulk export
export {
  AdaptiveConcurrency,
  type AdaptiveConcurrencyOptions,
  type ConcurrencyState,
} from './export/adaptive-concurrency';
export type { ExportProgress } from './export/export-progress';
export { exportRuns } from './export/export-runs';
export type { ExportRunsOptions, ExportedRun, RunSource } from './export/exported-run';
export { runsHistories, type RunsHistoriesOptions } from './export/runs-histories';
export { AdaptivePageSize, type AdaptivePageSizeOptions } from './export/adaptive-page-size';
export {
  runsHistoryPages,
  type RunsHistoryPagesOptions,
  type RunsListing,
  type RunWithHistory,
} from './export/runs-history-pages';

// Classes (Python parity)
export { Api, type ApiOptions } from './api/api';
export type { ApiContext } from './api/api-context';
export { Run } from './runs/run';
export { Runs } from './runs/runs';
export { File } from './files/file';
export { Files } from './files/files';
export { Sweep, type SweepRunsOptions } from './sweeps/sweep';
export { Sweeps } from './sweeps/sweeps';
export { Project } from './projects/project';
export { Projects } from './projects/projects';
export { BetaReport, type ReportSection, type ReportUser } from './reports/beta-report';
export { Reports } from './reports/reports';
