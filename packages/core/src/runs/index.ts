/**
 * Runs: listing, loading, updating, creating and deleting.
 *
 * @packageDocumentation
 */
export { Run } from './run';
export { Runs, DEFAULT_RUNS_ORDER, type RunsOptions, type ProjectTarget } from './runs';
export type { CreateRunOptions } from './create-run';
export { decodeConfig, decodeJsonObject, encodeConfig, type DecodedConfig, type JsonObject } from './decode';
export { encodeFilters } from './encode-filters';
export { describeRun, type RunAttrs, type RunUser } from './run-attrs';
export type { WaitOptions } from './wait-until-finished';
