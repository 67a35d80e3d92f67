import { NotFoundError, RateLimitError } from '../errors';
import type { HistoryRow } from '../history/history';
import type { Platform } from '../platform';
import type { Run } from '../runs/run';
import { describeRun } from '../runs/run-attrs';
import { abortableSleep, throwIfAborted } from '../transport/abort';
import type { AdaptiveConcurrency } from './adaptive-concurrency';
import { AdaptivePageSize } from './adaptive-page-size';
import { estimateJsonChars, type ProgressTracker } from './export-progress';
import { toExported, type ExportRunsOptions, type ExportedRun, type RunSource } from './exported-run';
import { runsHistoryPages } from './runs-history-pages';

/** What {@link exportSampledInGroups} shares with `exportRuns`. */
export interface SampledExportContext<P extends Platform> {
  read: Omit<ExportRunsOptions<P>, 'concurrency' | 'skip' | 'onProgress' | 'maxRateLimitRetries' | 'signal'>;
  /** Whether `skip` leaves the run out (counting it as done). */
  skipped: (run: Run<P>) => boolean;
  maxRateLimitRetries: number;
  /** The caller's signal. */
  signal: AbortSignal | undefined;
  /** The caller's signal or the end of the export. */
  linked: AbortSignal;
  limiter: AdaptiveConcurrency;
  tracker: ProgressTracker;
  report: () => void;
}

type GroupOutcome = { ok: true; byName: Map<string, HistoryRow[]> } | { ok: false; error: unknown };

/**
 * `exportRuns` without `full`: the listed runs are taken in groups of one project, and each
 * group's sampled history comes from one runs listing that selects it (`{"name": {"$in": [...]}}`,
 * see {@link runsHistoryPages}); the group size adapts to the server's answers, at most
 * `limiter.limit` groups are in flight, and a group whose requests end in a `RateLimitError` is
 * asked again. Runs are yielded in listing order with the rows `run.history()` gives.
 */
export async function* exportSampledInGroups<P extends Platform>(
  runs: RunSource<P>,
  context: SampledExportContext<P>,
): AsyncGenerator<ExportedRun<P>, void, undefined> {
  const { read, skipped, maxRateLimitRetries, signal, linked, limiter, tracker, report } = context;
  const { keys, samples = 500, xAxis, full: _full, pageSize: _pageSize, ...call } = read;
  const size = new AdaptivePageSize({ rowsPerRun: samples });
  const inFlight: Array<{ members: Run<P>[]; outcome: Promise<GroupOutcome> }> = [];
  let group: Run<P>[] = [];

  const readGroup = async (members: Run<P>[]): Promise<GroupOutcome> => {
    const first = members[0] as Run<P>;
    const listing = {
      entity: first.entity,
      project: first.project,
      filters: JSON.stringify({ name: { $in: members.map((run) => run.id) } }),
      order: '+created_at',
    };
    for (let attempt = 0; ; attempt += 1) {
      try {
        const byName = new Map<string, HistoryRow[]>();
        const options = { ...call, samples, keys, xAxis, pageSize: size, signal: linked };
        for await (const page of runsHistoryPages(first.context, listing, options))
          for (const { node, history } of page) byName.set(node.name, history);
        return { ok: true, byName };
      } catch (error) {
        if (linked.aborted || !(error instanceof RateLimitError) || attempt >= maxRateLimitRetries)
          return { ok: false, error };
        limiter.rateLimited(error.retryAfterMs);
        try {
          await abortableSleep(Math.max(limiter.pauseRemainingMs(), 100), linked);
        } catch (aborted) {
          return { ok: false, error: aborted };
        }
      }
    }
  };

  const fire = (): void => {
    if (group.length === 0) return;
    inFlight.push({ members: group, outcome: readGroup(group) });
    group = [];
  };

  async function* takeGroup(): AsyncGenerator<ExportedRun<P>, void, undefined> {
    const { members, outcome } = inFlight.shift() as (typeof inFlight)[number];
    const result = await outcome;
    if (!result.ok) throw result.error;
    for (const run of members) {
      const history = result.byName.get(run.id);
      if (!history) {
        throw new NotFoundError(
          `Could not find run ${describeRun(run.entity, run.project, run.id, 'not found')}`,
        );
      }
      tracker.runExported(history.length, estimateJsonChars(history));
      limiter.succeeded();
      report();
      yield toExported(run, history);
    }
  }

  for await (const run of runs) {
    throwIfAborted(signal);
    if (skipped(run)) continue;
    const first = group[0];
    if (first && (first.entity !== run.entity || first.project !== run.project)) fire();
    group.push(run);
    if (group.length >= size.runs) {
      fire();
      while (inFlight.length >= limiter.limit) yield* takeGroup();
      await abortableSleep(limiter.pauseRemainingMs(), linked);
    }
  }
  fire();
  while (inFlight.length > 0) yield* takeGroup();
}
