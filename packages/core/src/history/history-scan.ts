import { BadInputError } from '../errors';
import type { RequestOptions } from '../api/context';
import { anySignal } from '../transport';
import type { Platform } from '../platform';
import type { Run } from '../runs/run';
import { validateKeys, type HistoryRow } from './history';
import { fetchHistoryPage } from './history-page';
import { nextWindow, resumeOffset, scanRange, type ScanWindow } from './scan-plan';
import { MAX_SAMPLES, positiveCount, stepWindow } from '../validate';

/** Options of `run.scanHistory()`. */
export interface ScanHistoryOptions extends RequestOptions {
  /** Only these keys, and only rows that have all of them. `_step` is always added and kept in rows. */
  keys?: string[];
  /** Steps per page request. @defaultValue 1000 */
  pageSize?: number;
  /** First step (inclusive). @defaultValue 0 */
  minStep?: number;
  /** Step to stop before (exclusive); clamped to the last step + 1. */
  maxStep?: number;
}

function stepOf(row: HistoryRow): number | null {
  const step = row['_step'];
  return typeof step === 'number' ? step : null;
}

/**
 * All history rows of a run in step order, fetched in pages of `pageSize` steps
 * (semantics §9.3, with the TS choices of §9.2).
 *
 * - The last step is asked first; a run without history makes no page request.
 * - Empty pages do not end the scan; the next page is fetched while the current one is consumed.
 * - Key scans add `_step` to the keys (rows keep it) and send an inclusive `maxStep = end - 1`.
 * - Iterating again starts over at `minStep`. After a failure (e.g. the retry budget ran out),
 *   {@link HistoryScan.resume} continues right after the last row delivered: no row twice, none lost.
 *
 * @example
 * ```ts
 * for await (const row of run.scanHistory({ keys: ['loss'] })) console.log(row._step, row.loss);
 * ```
 */
export class HistoryScan implements AsyncIterable<HistoryRow> {
  private readonly keys: string[] | undefined;
  private readonly pageSize: number;
  private lastDelivered: number | null = null;

  /** Prefer `run.scanHistory(options)`. Throws BadInputError on bad keys or page size. */
  constructor(
    private readonly run: Run<Platform>,
    private readonly options: ScanHistoryOptions = {},
  ) {
    const keys = validateKeys(options.keys);
    this.keys = keys && (keys.includes('_step') ? [...keys] : ['_step', ...keys]);
    // Above the server's sample cap a page would be down-sampled: pages are kept within it.
    this.pageSize = positiveCount('pageSize', options.pageSize, 1000, MAX_SAMPLES);
    stepWindow(options.minStep, options.maxStep);
  }

  /** The `_step` of the last row handed out, or null before the first. */
  get lastDeliveredStep(): number | null {
    return this.lastDelivered;
  }

  /** Iterates every row from `minStep`. */
  [Symbol.asyncIterator](): AsyncIterator<HistoryRow> {
    this.lastDelivered = null;
    return this.rows()[Symbol.asyncIterator]();
  }

  /** Rows after the last one delivered by an earlier (failed or stopped) iteration. */
  resume(): AsyncIterable<HistoryRow> {
    return { [Symbol.asyncIterator]: () => this.rows()[Symbol.asyncIterator]() };
  }

  /** Iterates page by page (each page may be empty) from `minStep`. */
  async *pages(): AsyncGenerator<HistoryRow[]> {
    this.lastDelivered = null;
    for await (const rows of this.pageStream()) {
      this.lastDelivered = this.lastStepOf(rows) ?? this.lastDelivered;
      yield rows;
    }
  }

  /**
   * Collects at most `limit` rows from `minStep`. `limit` is required (`Infinity` on purpose).
   *
   * @throws BadInputError when `limit` is missing, negative or not an integer.
   */
  async toArray(options: { limit: number }): Promise<HistoryRow[]> {
    const limit = options?.limit;
    if (typeof limit !== 'number' || limit < 0 || !(Number.isInteger(limit) || limit === Infinity)) {
      throw new BadInputError(
        'toArray needs { limit }: a non-negative integer, or Infinity to read everything',
      );
    }
    const out: HistoryRow[] = [];
    if (limit === 0) return out;
    for await (const row of this) {
      out.push(row);
      if (out.length >= limit) break;
    }
    return out;
  }

  private async *rows(): AsyncGenerator<HistoryRow> {
    for await (const rows of this.pageStream()) {
      for (const row of rows) {
        this.lastDelivered = stepOf(row) ?? this.lastDelivered;
        yield row;
      }
    }
  }

  private lastStepOf(rows: readonly HistoryRow[]): number | null {
    const last = rows[rows.length - 1];
    return last ? stepOf(last) : null;
  }

  /** Pages from just after the last delivered row, one request ahead of the consumer. */
  private async *pageStream(): AsyncGenerator<HistoryRow[]> {
    const { keys: _keys, pageSize: _pageSize, minStep, maxStep, signal, ...call } = this.options;
    const stop = new AbortController();
    const linked = anySignal([signal, stop.signal]);
    // Scans stream: caching their pages would only hold memory.
    const request = { cache: false, ...call, signal: linked.signal };
    try {
      const last = await this.run.lastHistoryStep(request);
      const range = scanRange(last, minStep, maxStep);
      const after = this.lastDelivered;
      let current = this.fetch(
        nextWindow(resumeOffset(range.start, after), range.stop, this.pageSize),
        request,
      );
      while (current) {
        const { window, rows } = await current;
        const next = this.fetch(nextWindow(window.end, range.stop, this.pageSize), request);
        // The prefetch may fail while the consumer is busy: its error surfaces when awaited.
        next?.catch(() => undefined);
        const floor = this.lastDelivered;
        yield floor === null ? rows : rows.filter((row) => (stepOf(row) ?? Infinity) > floor);
        current = next;
      }
    } finally {
      // Stops a prefetch in flight when the consumer breaks out early.
      stop.abort(new DOMException('history scan closed', 'AbortError'));
      linked.dispose();
    }
  }

  private fetch(
    window: ScanWindow | null,
    call: RequestOptions,
  ): Promise<{ window: ScanWindow; rows: HistoryRow[] }> | null {
    if (!window) return null;
    return fetchHistoryPage(this.run, window, this.pageSize, this.keys, call).then((rows) => ({
      window,
      rows,
    }));
  }
}
