import type { HistoryRow } from './history';

const DONE: IteratorResult<HistoryRow, void> = Object.freeze({ value: undefined, done: true });
const NO_ROWS: readonly HistoryRow[] = [];

/**
 * The rows of a scan's pages, one at a time, as an async generator does it (calls queued in
 * order; `return()` and `throw()` close the pages, which aborts their prefetch) but without a
 * generator's suspension per row: a row of a page already here is handed out as a resolved
 * promise. Before each page's rows, `signal` is checked (a page read ahead from memory would
 * not see it). `lastDeliveredStep` is the `_step` of the last row handed out.
 */
export class ScanRowIterator implements AsyncGenerator<HistoryRow, void, undefined> {
  private pages: AsyncGenerator<HistoryRow[], void, undefined> | null = null;
  private page: readonly HistoryRow[] = NO_ROWS;
  private index = 0;
  private finished = false;
  /** Calls queued or running that wait for pages; rows are handed out directly only when none is. */
  private pending = 0;
  /** Settles when the last queued call has. */
  private queue: Promise<unknown> | null = null;
  private step: number | null;

  constructor(
    private readonly openPages: () => AsyncGenerator<HistoryRow[], void, undefined>,
    private readonly signal: AbortSignal | undefined,
    after: number | null,
  ) {
    this.step = after;
  }

  /** The `_step` of the last row handed out (or the step the iteration resumed after). */
  get lastDeliveredStep(): number | null {
    return this.step;
  }

  /** The next row. */
  next(): Promise<IteratorResult<HistoryRow, void>> {
    if (this.pending === 0) {
      if (this.index < this.page.length) return Promise.resolve(this.deliver());
      if (this.finished) return Promise.resolve(DONE);
    }
    return this.enqueue(() => this.pull());
  }

  /** Stops the iteration: no further page is requested and the prefetch is aborted. */
  return(): Promise<IteratorResult<HistoryRow, void>> {
    return this.enqueue(async () => {
      await this.close();
      return DONE;
    });
  }

  /** Stops the iteration as `return()` does, then rejects with `error`. */
  throw(error: unknown): Promise<IteratorResult<HistoryRow, void>> {
    return this.enqueue(async () => {
      await this.close();
      throw error;
    });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private deliver(): IteratorResult<HistoryRow, void> {
    const row = this.page[this.index++] as HistoryRow;
    const step = row['_step'];
    if (typeof step === 'number') this.step = step;
    return { value: row, done: false };
  }

  /**
   * Runs `op` once the calls before it have settled (an async generator's queue). `pending`
   * drops only after the call's promise is settled, so a row handed out later resolves later.
   */
  private enqueue<T>(op: () => Promise<T>): Promise<T> {
    this.pending++;
    const previous = this.queue;
    const result = new Promise<T>((resolve, reject) => {
      const run = (): Promise<void> =>
        op().then(
          (value) => {
            resolve(value);
            this.pending--;
          },
          (error: unknown) => {
            reject(error);
            this.pending--;
          },
        );
      if (previous) void previous.then(run);
      else void run();
    });
    this.queue = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  private async pull(): Promise<IteratorResult<HistoryRow, void>> {
    for (;;) {
      if (this.index < this.page.length) return this.deliver();
      if (this.finished) return DONE;
      this.page = NO_ROWS;
      this.index = 0;
      const pages = (this.pages ??= this.openPages());
      let result: IteratorResult<HistoryRow[], void>;
      try {
        result = await pages.next();
        if (!result.done) this.signal?.throwIfAborted();
      } catch (error) {
        await this.close();
        throw error;
      }
      if (result.done) {
        this.finished = true;
        return DONE;
      }
      this.page = result.value;
    }
  }

  /** Ends the iteration and closes the pages (their error, if any, loses to the caller's). */
  private async close(): Promise<void> {
    this.finished = true;
    this.page = NO_ROWS;
    this.index = 0;
    try {
      await this.pages?.return();
    } catch {
      // The pages are closed either way; what ended the iteration is what the caller sees.
    }
  }
}
