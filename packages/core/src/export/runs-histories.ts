import { toColumns, type HistoryColumns, type HistoryRow } from '../history/history';
import type { Platform } from '../platform';
import { exportRuns, type ExportRunsOptions, type RunSource } from './export-runs';

/** Options of `runs.histories()`: those of {@link exportRuns} plus the result's shape. */
export interface RunsHistoriesOptions<P extends Platform = Platform> extends ExportRunsOptions<P> {
  /** `rows` (one array, each row with `run_id`) or `columns` (`{key: values[]}`). @defaultValue 'rows' */
  format?: 'rows' | 'columns';
}

/**
 * The history of every run of a listing in one table, like Python's `runs.histories()`: each
 * row gets a `run_id`, runs follow the listing order.
 *
 * Read through {@link exportRuns}: sampled history (the default) for many runs per request,
 * every row (`full: true`) run by run, `concurrency` at a time (default 4, lowered on 429s).
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
  const rows: HistoryRow[] = [];
  // Not cached, so the rows are this call's own: run_id is added in place, without a copy.
  for await (const run of exportRuns(runs, { ...rest, cache: false })) {
    for (const row of run.history) {
      row['run_id'] = run.id;
      rows.push(row);
    }
  }
  return format === 'columns' ? toColumns(rows) : rows;
}
