/**
 * Platform-free client for the Weights & Biases public query API: what a page needs to list runs
 * and read their config, summary, history and files. Rarely used values (sweeps, reports,
 * QueryGenerator, bulk export, run creation) are in `@wbapi/core/extras`, so that bundles that do
 * not use them do not carry them; `Api` and `Run` load them on first use.
 *
 * @packageDocumentation
 */
export { VERSION, DEFAULT_USER_AGENT, COMPATIBLE_SDK_VERSION } from './version';
export * from './errors';
export * from './json';
export * from './transport';
export * from './pagination';
export * from './paths';
export type * from './platform';
export * from './api';
export * from './projects';
export * from './runs';
export * from './history';
export * from './files';
export * from './reports';
export type { Sweep, SweepAttrs, SweepRunsOptions, SweepsOptions } from './sweeps';
export type * from './query-generator/types';
export type {
  AdaptiveConcurrencyOptions,
  ConcurrencyState,
  ExportProgress,
  ExportRunsOptions,
  ExportedRun,
  RunSource,
  RunsHistoriesOptions,
} from './export';
