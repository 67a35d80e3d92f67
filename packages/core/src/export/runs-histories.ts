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
 * row gets a `run_id`, runs follow the listing order. Runs are read several at once
 * (`concurrency`, default 4, lowered on 429s); `full: true` reads every row instead of a sample.
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
  for await (const run of exportRuns(runs, rest)) {
    for (const row of run.history) rows.push({ ...row, run_id: run.id });
  }
  return format === 'columns' ? toColumns(rows) : rows;
}
