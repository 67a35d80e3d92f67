import { BadInputError } from '../errors/bad-input-error';
import type { Page } from '../pagination/page';
import { Pager, checkLimit } from '../pagination/pager';
import type { RunRef } from '../paths/refs';
import type { RequestOptions, Session } from '../session/session';
import { validateKeys, type HistoryRow } from './history';
import { batchFromRows, type HistoryBatch } from './history-batch';
import { fetchHistoryPage } from './history-page';
import { lastHistoryStep } from './last-history-step';
import type { HistorySource } from './history-source';
import type { ParquetReader } from './load-parquet-reader';
import type { ParquetPages } from './parquet';
import { nextWindow, resumeOffset, scanRange } from './scan-plan';
import { scanRowIterator } from './scan-row-iterator';
import { MAX_SAMPLES, positiveCount, stepWindow } from '../validate';

/** Options of `scanHistory()` and `run.scanHistory()`. */
export interface ScanHistoryOptions extends RequestOptions {
  /** Only these keys, and only rows that have all of them. `_step` is always added and kept in rows. */
  keys?: string[];
  /** Steps per page request. @defaultValue 1000 */
  pageSize?: number;
  /** First step (inclusive). @defaultValue 0 */
  minStep?: number;
  /** Step to stop before (exclusive); clamped to the last step + 1. */
  maxStep?: number;
  /**
   * Where rows come from: `'parquet'` the run's Parquet history exports (plus the rows not
   * exported yet), `'pages'` the page queries, `'auto'` the exports when the server offers them
   * (a server without them is asked once per session). Rows, order and keys are the same.
   * @defaultValue 'auto'
   */
  source?: HistorySource;
  /**
   * Loads the Parquet reader. @defaultValue the platform's (`platform.parquetReader`: Node has
   * it, browsers when given). Without one, `'auto'` reads the pages and `'parquet'` is a BadInputError.
   */
  parquetReader?: () => Promise<ParquetReader>;
}

/** One iteration of a {@link HistoryScan}: an async iterator that knows the last step it handed out. */
export interface HistoryScanIterator extends AsyncGenerator<HistoryRow, void, undefined> {
  /** The `_step` of the last row this iteration handed out (or the step it resumed after); null before the first. */
  readonly lastDeliveredStep: number | null;
}

/** Where a scan's iteration is: the next step to ask for and the step to stop before. */
interface ScanCursor {
  start: number;
  stop: number;
}

/** Makes a page's items from its rows, or from the batches the Parquet path made of them. */
type PageShape<T> = (rows: HistoryRow[], batches?: HistoryBatch[]) => T[];

const rowsOf: PageShape<HistoryRow> = (rows) => rows;

const asBatches: PageShape<HistoryBatch> = (rows, batches) =>
  batches ?? (rows.length > 0 ? [batchFromRows(rows)] : []);

const SOURCES: readonly unknown[] = ['auto', 'parquet', 'pages'];

function stepOf(row: HistoryRow): number | null {
  const step = row['_step'];
  return typeof step === 'number' ? step : null;
}

/**
 * All history rows of a run in step order, fetched in pages of `pageSize` steps through the
 * one {@link Pager} of wbapi.
 *
 * - The last step is asked first; a run without history makes no page request.
 * - `source` (default `'auto'`) reads the run's Parquet history exports when the server has
 *   them (the reader is loaded then, not before), else the page queries: the same rows either way.
 * - Empty pages do not end the scan; the next page is fetched while the current one is consumed.
 * - Key scans add `_step` to the keys (rows keep it) and send an inclusive `maxStep = end - 1`
 *   (`sampledHistory` counts its `maxStep` in; `history` does not).
 * - Each iteration keeps its own position: two loops over one scan, even at the same time, each
 *   get every row once. Iterating again starts over at `minStep`.
 * - After a failure (e.g. the retry budget ran out), {@link HistoryScan.resume} continues right
 *   after the last row the most recent iteration delivered: no row twice, none lost. With
 *   several iterations at once, pass the step to resume after (an iterator's `lastDeliveredStep`).
 *
 * @example
 * ```ts
 * for await (const row of scanHistory(session, ref, { keys: ['loss'] })) console.log(row._step, row.loss);
 * ```
 */
export class HistoryScan implements AsyncIterable<HistoryRow> {
  // Set in the constructor, hence `declare`: bundles get no separate field definitions.
  declare private readonly session: Session;
  declare private readonly run: RunRef;
  declare private readonly options: ScanHistoryOptions;
  declare private readonly keys: string[] | undefined;
  declare private readonly pageSize: number;
  declare private readonly reader: (() => Promise<ParquetReader>) | undefined;
  /** The most recently started iteration (what `lastDeliveredStep` and `resume()` refer to). */
  private latest: HistoryScanIterator | null = null;

  /** Prefer `scanHistory(session, run, options)` or `run.scanHistory(options)`. Throws BadInputError on bad keys or page size. */
  constructor(session: Session, run: RunRef, options: ScanHistoryOptions = {}) {
    this.session = session;
    this.run = { entity: run.entity, project: run.project, id: run.id };
    this.options = options;
    const keys = validateKeys(options.keys);
    this.keys = keys && (keys.includes('_step') ? [...keys] : ['_step', ...keys]);
    // Above the server's sample cap a page would be down-sampled: pages are kept within it.
    this.pageSize = positiveCount('pageSize', options.pageSize, 1000, MAX_SAMPLES);
    stepWindow(options.minStep, options.maxStep);
    if (options.source !== undefined && !SOURCES.includes(options.source)) {
      throw new BadInputError(`source must be 'auto', 'parquet' or 'pages', not ${String(options.source)}`);
    }
    this.reader = options.parquetReader ?? session.platform.parquetReader;
    if (options.source === 'parquet' && !this.reader) {
      throw new BadInputError(
        "source 'parquet' needs the Parquet reader: pass parquetReader (loadParquetReader) to the platform",
      );
    }
  }

  /** The `_step` of the last row the most recent iteration handed out, or null before the first. */
  get lastDeliveredStep(): number | null {
    return this.latest?.lastDeliveredStep ?? null;
  }

  /** Iterates every row from `minStep`. */
  [Symbol.asyncIterator](): HistoryScanIterator {
    return this.iterate(null);
  }

  /**
   * Rows after `after`: by default the last row delivered by the most recent (failed or
   * stopped) iteration.
   */
  resume(after: number | null = this.lastDeliveredStep): AsyncIterable<HistoryRow> {
    return { [Symbol.asyncIterator]: () => this.iterate(after) };
  }

  /** Iterates page by page (each page may be empty) from `minStep`. */
  pages(): AsyncGenerator<HistoryRow[], void, undefined> {
    return this.pager(null, rowsOf).pages();
  }

  /**
   * Collects at most `limit` rows from `minStep`. `limit` is required (`Infinity` on purpose).
   *
   * @throws BadInputError when `limit` is missing, negative or not an integer.
   */
  async toArray(options: { limit: number }): Promise<HistoryRow[]> {
    const limit = checkLimit(options);
    const out: HistoryRow[] = [];
    if (limit === 0) return out;
    for await (const row of this) {
      out.push(row);
      if (out.length >= limit) break;
    }
    return out;
  }

  private iterate(after: number | null): HistoryScanIterator {
    const pager = this.pager(after, rowsOf);
    // Rows are handed out from each page without an async generator's suspension per row.
    const iterator = scanRowIterator(() => pager.pages(), this.options.signal, after);
    this.latest = iterator;
    return iterator;
  }

  /**
   * The pages of one iteration, starting right after step `after` (from `minStep` when null),
   * each page's items made by `shape` from its rows, or from the batches the Parquet path made
   * of them when asked to (`batches`).
   */
  private pager<T>(after: number | null, shape: PageShape<T>, batches = false): Pager<T, ScanCursor> {
    const {
      keys: _k,
      pageSize: _p,
      minStep,
      maxStep,
      signal,
      source,
      parquetReader: _r,
      ...call
    } = this.options;
    const { session, run, pageSize, keys, reader } = this;
    // Per iteration, on the Parquet path: its pages.
    let parquet: ParquetPages | null = null;
    const fetchPage = async (
      cursor: ScanCursor | null,
      pageSignal: AbortSignal | undefined,
    ): Promise<Page<T, ScanCursor>> => {
      // Scans stream: caching their pages would only hold memory.
      const request = { cache: false, ...call, signal: pageSignal };
      let from = cursor;
      if (from === null) {
        // Asked once per iteration, whichever path reads the rows.
        const lastStep = lastHistoryStep(session, run, request);
        lastStep.catch(() => undefined); // awaited below, unless the Parquet path failed first
        parquet =
          source === 'pages' || !reader
            ? null
            : await (
                await reader()
              ).openParquetPages(session, run, request, {
                source: source ?? 'auto',
                keys,
                pageSize,
                minStep,
                maxStep,
                after,
                lastStep: () => lastStep,
                batches,
              });
        const range = scanRange(await lastStep, minStep, maxStep);
        from = { start: resumeOffset(range.start, after), stop: range.stop };
      }
      if (parquet) {
        // Pages often come from row groups already read: no request would see the signal.
        pageSignal?.throwIfAborted();
        const page = await parquet.next();
        pageSignal?.throwIfAborted();
        if (!page) return { items: [], endCursor: null, hasNextPage: false };
        const hasNextPage = page.window.end < from.stop;
        const endCursor = { start: page.window.end, stop: from.stop };
        const items = shape(page.rows, page.batches);
        return { items, endCursor: hasNextPage ? endCursor : null, hasNextPage };
      }
      const window = nextWindow(from.start, from.stop, pageSize);
      if (!window) return { items: [], endCursor: null, hasNextPage: false };
      const rows = await fetchHistoryPage(session, run, window, pageSize, keys, request);
      const kept = after === null ? rows : rows.filter((row) => (stepOf(row) ?? Infinity) > after);
      const items = shape(kept);
      const hasNextPage = window.end < from.stop;
      return { items, endCursor: hasNextPage ? { start: window.end, stop: from.stop } : null, hasNextPage };
    };
    return new Pager(fetchPage, { signal });
  }
}

/**
 * Every history row of a run in step order, paged by step ranges; see {@link HistoryScan}.
 *
 * @throws BadInputError (now) on bad keys or page size.
 */
export function scanHistory(session: Session, run: RunRef, options: ScanHistoryOptions = {}): HistoryScan {
  return new HistoryScan(session, run, options);
}

/**
 * The rows of a scan from its `minStep`, as column batches ({@link HistoryBatch}): the same rows,
 * in the same order and with the same keys as iterating the scan, without an object per row where
 * the source has columns (the number columns of Parquet exports come as `Float64Array` views);
 * rows of the page queries are turned into columns. The fastest way to read a long history into
 * arrays. A function, not a method of the scan, so that pages that never ask for batches do not
 * ship them.
 *
 * @example
 * ```ts
 * let sum = 0;
 * for await (const batch of historyBatches(run.scanHistory({ keys: ['loss'] }))) {
 *   const loss = batch.columns['loss'] as Float64Array; // a keyed scan: every row has it
 *   for (let r = 0; r < batch.length; r++) sum += loss[r] as number;
 * }
 * ```
 */
export async function* historyBatches(scan: HistoryScan): AsyncGenerator<HistoryBatch, void, undefined> {
  // The scan's own pager (private to this module's class, hence the element access).
  for await (const page of scan['pager'](null, asBatches, true).pages()) yield* page;
}
