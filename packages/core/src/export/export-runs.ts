import { RateLimitError } from '../errors';
import type { RequestOptions } from '../session/session';
import { stringifyWandbJson } from '../json';
import type { JsonObject } from '../runs/decode';
import type { Run } from '../runs/run';
import type { Platform } from '../platform';
import type { HistoryRow } from '../history/history';
import { abortableSleep, throwIfAborted } from '../transport/abort';
import { anySignal } from '../transport';
import { AdaptiveConcurrency } from './adaptive-concurrency';
import { ProgressTracker, type ExportProgress } from './export-progress';

/** Options of {@link exportRuns}. */
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

type Outcome<P extends Platform> =
  { ok: true; value: ExportedRun<P>; bytes: number } | { ok: false; error: unknown };

/**
 * Reads config, summary and history of every run of a listing, several runs at once, and yields
 * them **in listing order** (so an export interrupted and resumed writes the same output).
 *
 * At most `concurrency` runs are in flight, finished or not, so memory stays bounded. A 429 halves
 * that number and pauses new runs for the `Retry-After`; successes raise it again slowly (see
 * {@link AdaptiveConcurrency}). A run whose requests still end in a `RateLimitError` is tried
 * again (a full scan resumes after its last row); any other error stops the export and is thrown.
 * Aborting `signal` stops everything and rejects with its reason. Breaking out of the loop stops
 * the reads in flight.
 *
 * Each run's history is held in memory until it is yielded, so memory grows with
 * `concurrency` × the longest history read. A slow run holds back the runs after it (they are
 * yielded in order), which keeps the output reproducible at some cost in speed.
 *
 * @example
 * ```ts
 * for await (const run of exportRuns(api.runs('demo/mnist'), { full: true, concurrency: 8 })) {
 *   write(run.id, run.config, run.summary, run.history);
 * }
 * ```
 */
export async function* exportRuns<P extends Platform>(
  runs: RunSource<P>,
  options: ExportRunsOptions<P> = {},
): AsyncGenerator<ExportedRun<P>, void, undefined> {
  const { concurrency, skip, onProgress, maxRateLimitRetries = 10, signal, ...read } = options;
  const limiter =
    concurrency instanceof AdaptiveConcurrency
      ? concurrency
      : new AdaptiveConcurrency({ max: concurrency ?? 4 });
  const stop = new AbortController();
  const linked = anySignal([signal, stop.signal]);
  const tracker = new ProgressTracker(Date.now);
  const report = (): void => onProgress?.(tracker.snapshot(limiter.limit));
  const queue: Array<Promise<Outcome<P>>> = [];

  const readWithRetries = async (run: Run<P>): Promise<Outcome<P>> => {
    try {
      const history = await readHistory(run, read, linked.signal, async (error, attempt) => {
        if (!(error instanceof RateLimitError) || attempt >= maxRateLimitRetries) throw error;
        limiter.rateLimited(error.retryAfterMs);
        await abortableSleep(Math.max(limiter.pauseRemainingMs(), 100), linked.signal);
      });
      const bytes = history.reduce((sum, row) => sum + stringifyWandbJson(row).length + 1, 0);
      return { ok: true, value: toExported(run, history), bytes };
    } catch (error) {
      return { ok: false, error };
    }
  };

  const take = async (): Promise<ExportedRun<P>> => {
    const outcome = await (queue.shift() as Promise<Outcome<P>>);
    if (!outcome.ok) throw outcome.error;
    tracker.runExported(outcome.value.history.length, outcome.bytes);
    limiter.succeeded();
    report();
    return outcome.value;
  };

  try {
    tracker.runsTotal = runs.length ? await runs.length().catch(() => null) : null;
    throwIfAborted(signal);
    report();
    for await (const run of runs) {
      throwIfAborted(signal);
      if (skip?.(run)) {
        tracker.runSkipped();
        report();
        continue;
      }
      while (queue.length >= limiter.limit) yield await take();
      await abortableSleep(limiter.pauseRemainingMs(), linked.signal);
      queue.push(readWithRetries(run));
    }
    while (queue.length > 0) yield await take();
  } finally {
    stop.abort(new DOMException('export closed', 'AbortError'));
    linked.dispose();
  }
}

type ReadOptions = Omit<
  ExportRunsOptions,
  'concurrency' | 'skip' | 'onProgress' | 'maxRateLimitRetries' | 'signal'
>;

/** One run's history; `onError` decides whether a failed attempt is tried again (it throws if not). */
async function readHistory<P extends Platform>(
  run: Run<P>,
  options: ReadOptions,
  signal: AbortSignal,
  onError: (error: unknown, attempt: number) => Promise<void>,
): Promise<HistoryRow[]> {
  const { keys, full = false, samples = 500, xAxis, pageSize, ...call } = options;
  const scan = full ? run.scanHistory({ ...call, keys, pageSize, signal }) : null;
  const rows: HistoryRow[] = [];
  for (let attempt = 0; ; attempt += 1) {
    try {
      if (!scan) return await run.history({ ...call, samples, keys, xAxis, signal });
      for await (const row of attempt === 0 ? scan : scan.resume()) rows.push(row);
      return rows;
    } catch (error) {
      throwIfAborted(signal);
      await onError(error, attempt);
    }
  }
}

function toExported<P extends Platform>(run: Run<P>, history: HistoryRow[]): ExportedRun<P> {
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
