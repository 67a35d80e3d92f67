import type { RequestOptions } from '../session/session';
import type { JsonObject } from '../runs/decode';
import type { Run } from '../runs/run';
import type { Platform } from '../platform';
import type { HistoryRow } from '../history/history';
import type { AdaptiveConcurrency } from './adaptive-concurrency';
import type { ExportProgress } from './export-progress';

/** Options of `exportRuns`. */
export interface ExportRunsOptions<P extends Platform = Platform> extends RequestOptions {
  /** Only these history keys (and only rows having all of them). */
  keys?: string[];
  /** Read every history row (a paged scan) instead of a sample. @defaultValue false */
  full?: boolean;
  /** Rows to sample per run when not `full`. @defaultValue 500 */
  samples?: number;
  /** The x axis of sampled history with `keys`. @defaultValue '_step' */
  xAxis?: string;
  /** Steps per page of a full scan. @defaultValue 1000 */
  pageSize?: number;
  /**
   * Most runs read at once (default 4), or a shared {@link AdaptiveConcurrency} (e.g. one whose
   * `hooks` were given to the Api, so it hears about 429s the client retries by itself).
   */
  concurrency?: number | AdaptiveConcurrency;
  /** Runs for which this returns true are not read (e.g. done by an earlier, interrupted export). */
  skip?: (run: Run<P>) => boolean;
  /** Called at the start and after every run. */
  onProgress?: (progress: ExportProgress) => void;
  /** How often one run is tried again after the client gave up on a 429. @defaultValue 10 */
  maxRateLimitRetries?: number;
}

/** One run of an export: what identifies it, its config, summary and history rows. */
export interface ExportedRun<P extends Platform = Platform> {
  /** The run id. */
  id: string;
  /** The run's entity. */
  entity: string;
  /** The run's project. */
  project: string;
  /** The display name. */
  name: string | null;
  /** The state when listed. */
  state: string;
  /** When it was created (UTC ISO text). */
  createdAt: string | null;
  /** Hyperparameters, values unwrapped (no `_wandb`). */
  config: JsonObject;
  /** The summary (NaN/±Infinity kept). */
  summary: JsonObject;
  /** History rows in step order: sampled, or every row for a full export. */
  history: HistoryRow[];
  /** The run object itself, for anything else. */
  run: Run<P>;
}

/** Anything listing runs; a `length()` (as on `Runs`) gives the progress its total. */
export type RunSource<P extends Platform> = AsyncIterable<Run<P>> & { length?(): Promise<number> };

/** An {@link ExportedRun} of a run and its rows. */
export function toExported<P extends Platform>(run: Run<P>, history: HistoryRow[]): ExportedRun<P> {
  return {
    id: run.id,
    entity: run.entity,
    project: run.project,
    name: run.name,
    state: run.state,
    createdAt: run.createdAt,
    config: run.config,
    summary: run.summary,
    history,
    run,
  };
}
