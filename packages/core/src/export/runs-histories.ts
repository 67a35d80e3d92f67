import { NotFoundError } from '../errors';
import { toColumns, type HistoryColumns, type HistoryRow } from '../history/history';
import type { Platform } from '../platform';
import type { Run } from '../runs/run';
import { describeRun } from '../runs/run-attrs';
import { AdaptivePageSize } from './adaptive-page-size';
import { exportRuns, type ExportRunsOptions, type RunSource } from './export-runs';
import { runsHistoryPages } from './runs-history-pages';

/** Options of `runs.histories()`: those of {@link exportRuns} plus the result's shape. */
export interface RunsHistoriesOptions<P extends Platform = Platform> extends ExportRunsOptions<P> {
  /** `rows` (one array, each row with `run_id`) or `columns` (`{key: values[]}`). @defaultValue 'rows' */
  format?: 'rows' | 'columns';
}

/**
 * The history of every run of a listing in one table, like Python's `runs.histories()`: each
 * row gets a `run_id`, runs follow the listing order.
 *
 * Sampled history (the default) is read for many runs per request: the listed runs are taken in
 * groups, and each group's sampled history comes from one runs listing that selects it
 * (`{"name": {"$in": [...]}}`, see {@link runsHistoryPages}), the group size adapting to the
 * server's answers. With `full: true`, `skip`, `onProgress` or a shared `AdaptiveConcurrency`,
 * runs are read one by one through {@link exportRuns}, `concurrency` at a time (default 4,
 * lowered on 429s).
 */
export function runsHistories<P extends Platform>(
  runs: RunSource<P>,
  options: RunsHistoriesOptions<P> & { format: 'columns' },
): Promise<HistoryColumns>;
export function runsHistories<P extends Platform>(
  runs: RunSource<P>,
  options?: RunsHistoriesOptions<P> & { format?: 'rows' },
): Promise<HistoryRow[]>;
export function runsHistories<P extends Platform>(
  runs: RunSource<P>,
  options?: RunsHistoriesOptions<P>,
): Promise<HistoryRow[] | HistoryColumns>;
export async function runsHistories<P extends Platform>(
  runs: RunSource<P>,
  options: RunsHistoriesOptions<P> = {},
): Promise<HistoryRow[] | HistoryColumns> {
  const { format = 'rows', ...rest } = options;
  const oneByOne = rest.full || rest.skip || rest.onProgress || typeof rest.concurrency === 'object';
  const rows = oneByOne ? await exportedRows(runs, rest) : await batchedRows(runs, rest);
  return format === 'columns' ? toColumns(rows) : rows;
}

async function exportedRows<P extends Platform>(
  runs: RunSource<P>,
  options: ExportRunsOptions<P>,
): Promise<HistoryRow[]> {
  const rows: HistoryRow[] = [];
  for await (const run of exportRuns(runs, options)) {
    for (const row of run.history) rows.push({ ...row, run_id: run.id });
  }
  return rows;
}

/** Sampled history of the listed runs, a group of runs of one project per request. */
async function batchedRows<P extends Platform>(
  runs: RunSource<P>,
  options: ExportRunsOptions<P>,
): Promise<HistoryRow[]> {
  const {
    samples = 500,
    keys,
    xAxis,
    concurrency: _concurrency,
    maxRateLimitRetries: _retries,
    pageSize: _pageSize,
    full: _full,
    skip: _skip,
    onProgress: _onProgress,
    ...call
  } = options;
  const size = new AdaptivePageSize({ rowsPerRun: samples });
  const rows: HistoryRow[] = [];
  let group: Run<P>[] = [];
  const flush = async (): Promise<void> => {
    const first = group[0];
    if (!first) return;
    const listing = {
      entity: first.entity,
      project: first.project,
      filters: JSON.stringify({ name: { $in: group.map((run) => run.id) } }),
      order: '+created_at',
    };
    const byName = new Map<string, HistoryRow[]>();
    // Not cached, so the rows are this call's own: run_id is added in place, without a copy.
    const read = { ...call, cache: false, samples, keys, xAxis, pageSize: size };
    const pages = runsHistoryPages(first.context.client, listing, read);
    for await (const page of pages) for (const { node, history } of page) byName.set(node.name, history);
    for (const run of group) {
      const history = byName.get(run.id);
      if (!history)
        throw new NotFoundError(
          `Could not find run ${describeRun(run.entity, run.project, run.id, 'not found')}`,
        );
      for (const row of history) {
        row['run_id'] = run.id;
        rows.push(row);
      }
    }
    group = [];
  };
  for await (const run of runs) {
    const first = group[0];
    if (first && (first.entity !== run.entity || first.project !== run.project)) await flush();
    group.push(run);
    if (group.length >= size.runs) await flush();
  }
  await flush();
  return rows;
}
