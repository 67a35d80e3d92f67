import { RateLimitError } from '../errors';
import type { Run } from '../runs/run';
import type { Platform } from '../platform';
import type { HistoryRow } from '../history/history';
import { abortableSleep, throwIfAborted } from '../transport/abort';
import { anySignal } from '../transport';
import { AdaptiveConcurrency } from './adaptive-concurrency';
import { exportSampledInGroups } from './export-sampled';
import { estimateJsonChars, ProgressTracker } from './export-progress';

import { toExported, type ExportRunsOptions, type ExportedRun, type RunSource } from './exported-run';

export type { ExportRunsOptions, ExportedRun, RunSource } from './exported-run';

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
 * Without `full`, the runs' sampled history is asked for many runs per request: the listed runs
 * are taken in groups of one project whose size adapts to the server's answers (see
 * `exportSampledInGroups`), and `concurrency` counts groups in flight instead of runs.
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
      const bytes = estimateJsonChars(history);
      return { ok: true, value: toExported(run, history), bytes };
    } catch (error) {
      return { ok: false, error };
    }
  };

  /** Whether `skip` leaves the run out (then counted as done). */
  const skipped = (run: Run<P>): boolean => {
    if (!skip?.(run)) return false;
    tracker.runSkipped();
    report();
    return true;
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
    if (!read.full) {
      const shared = {
        read,
        skipped,
        maxRateLimitRetries,
        signal,
        linked: linked.signal,
        limiter,
        tracker,
        report,
      };
      yield* exportSampledInGroups(runs, shared);
      return;
    }
    for await (const run of runs) {
      throwIfAborted(signal);
      if (skipped(run)) continue;
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
  const { keys, full = false, samples = 500, xAxis, pageSize, ...given } = options;
  // Each run is read once: its history kept in the response cache would only hold memory.
  const call = { cache: false, ...given };
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
