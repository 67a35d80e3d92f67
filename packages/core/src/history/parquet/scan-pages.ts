import type { RunRef } from '../../paths/refs';
import type { RequestOptions, Session } from '../../session/session';
import { ParquetHistoryUnsupportedError } from './parquet-history-unsupported-error';
import { parquetHistoryPages, type ParquetScanPage } from './parquet-scan';
import { parquetSourcesFor, supportMemoOf } from './run-sources';

/** What a scan iteration needs to open its Parquet pages. */
export interface ParquetPagesRequest {
  source: 'auto' | 'parquet';
  keys: readonly string[] | undefined;
  pageSize: number;
  minStep: number | undefined;
  maxStep: number | undefined;
  after: number | null;
  /** The run's last step, asked once per iteration and shared with the page path. */
  lastStep: () => Promise<number>;
  /** Pages of exported rows as column batches where they can be (see `ParquetScanOptions.batches`). */
  batches?: boolean;
}

/** The pages of one iteration read from the exports; `next()` gives null once they end. */
export interface ParquetPages {
  next(): Promise<ParquetScanPage | null>;
}

/**
 * Opens the Parquet pages of one scan iteration (`HistoryScan` with a source other than `'pages'`), and reads the
 * first page so that a server without `Run.parquetHistory` is found out before any row: with
 * `'auto'` that gives null (use the pages; remembered per session, so later scans ask no more),
 * with `'parquet'` the `ParquetHistoryUnsupportedError`.
 *
 * @throws ParquetHistoryUnsupportedError (source `'parquet'` only), and what the scan throws.
 */
export async function openParquetPages(
  session: Session,
  run: RunRef,
  call: RequestOptions,
  request: ParquetPagesRequest,
): Promise<ParquetPages | null> {
  const auto = request.source === 'auto';
  if (auto && supportMemoOf(session).unsupported) return null;
  const sources = parquetSourcesFor(session, run, call);
  sources.lastStep = request.lastStep;
  const pages = parquetHistoryPages(sources, {
    ...(request.keys ? { keys: request.keys } : {}),
    pageSize: request.pageSize,
    ...(request.minStep !== undefined ? { minStep: request.minStep } : {}),
    ...(request.maxStep !== undefined ? { maxStep: request.maxStep } : {}),
    after: request.after,
    batches: request.batches ?? false,
  });
  let first: IteratorResult<ParquetScanPage>;
  try {
    first = await pages.next();
  } catch (error) {
    if (auto && error instanceof ParquetHistoryUnsupportedError) return null;
    throw error;
  }
  let buffered: IteratorResult<ParquetScanPage> | null = first;
  return {
    async next() {
      const result = buffered ?? (await pages.next());
      buffered = null;
      return result.done ? null : result.value;
    },
  };
}
