/**
 * Bulk export: many runs' config, summary and history at once, with adaptive concurrency.
 *
 * @packageDocumentation
 */
export {
  AdaptiveConcurrency,
  type AdaptiveConcurrencyOptions,
  type ConcurrencyState,
} from './adaptive-concurrency';
export { type ExportProgress } from './export-progress';
export { exportRuns, type ExportRunsOptions, type ExportedRun, type RunSource } from './export-runs';
export { runsHistories, type RunsHistoriesOptions } from './runs-histories';
export { AdaptivePageSize, type AdaptivePageSizeOptions } from './adaptive-page-size';
export {
  runsHistoryPages,
  type RunsHistoryPagesOptions,
  type RunsListing,
  type RunWithHistory,
} from './runs-history-pages';
