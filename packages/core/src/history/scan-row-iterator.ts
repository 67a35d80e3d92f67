import type { HistoryRow } from './history';

/** An async generator of history rows that knows the `_step` of the last row it handed out. */
export type ScanRowIterator = AsyncGenerator<HistoryRow, void, undefined> & {
  readonly lastDeliveredStep: number | null;
};

/**
 * The rows of a scan's pages, one at a time, as an async generator does it (calls queued in
 * order; `return()` and `throw()` close the pages, which aborts their prefetch) but without a
 * generator's suspension per row: a row of a page already here is handed out as a resolved
 * promise. Before each page's rows, `signal` is checked (a page read ahead from memory would not
 * see it). `lastDeliveredStep` starts at `after`.
 */
export function scanRowIterator(
  openPages: () => AsyncGenerator<HistoryRow[], void, undefined>,
  signal: AbortSignal | undefined,
  after: number | null,
): ScanRowIterator {
  const done: IteratorResult<HistoryRow, void> = { value: undefined, done: true };
  let pages: AsyncGenerator<HistoryRow[], void, undefined> | undefined;
  let page: readonly HistoryRow[] = [];
  let index = 0;
  let finished = false;
  let step = after;
  // Calls queued or running that wait for pages; rows are handed out directly only when none is.
  let pending = 0;
  let queue: Promise<unknown> = Promise.resolve();

  const deliver = (): IteratorResult<HistoryRow, void> => {
    const row = page[index++] as HistoryRow;
    if (typeof row['_step'] === 'number') step = row['_step'];
    return { value: row, done: false };
  };
  /** Ends the iteration and closes the pages (their error, if any, loses to the caller's). */
  const close = async (): Promise<void> => {
    finished = true;
    page = [];
    await pages?.return().catch(() => undefined);
  };
  const pull = async (): Promise<IteratorResult<HistoryRow, void>> => {
    while (index >= page.length) {
      if (finished) return done;
      let result: IteratorResult<HistoryRow[], void>;
      try {
        result = await (pages ??= openPages()).next();
        if (!result.done) signal?.throwIfAborted();
      } catch (error) {
        await close();
        throw error;
      }
      if (result.done) {
        finished = true;
        return done;
      }
      page = result.value;
      index = 0;
    }
    return deliver();
  };
  // Runs `op` once the calls before it have settled; `pending` drops only after its promise is
  // settled, so a row handed out directly later resolves later.
  const enqueue = (op: () => Promise<IteratorResult<HistoryRow, void>>) => {
    pending++;
    const result = new Promise<IteratorResult<HistoryRow, void>>((resolve, reject) => {
      void queue.then(() =>
        op().then(
          (value) => (resolve(value), pending--),
          (error: unknown) => (reject(error), pending--),
        ),
      );
    });
    queue = result.catch(() => undefined);
    return result;
  };

  const iterator = {
    get lastDeliveredStep() {
      return step;
    },
    next: () =>
      pending === 0 && index < page.length
        ? Promise.resolve(deliver())
        : pending === 0 && finished
          ? Promise.resolve(done)
          : enqueue(pull),
    return: () => enqueue(() => close().then(() => done)),
    throw: (error: unknown) =>
      enqueue(() =>
        close().then(() => {
          throw error;
        }),
      ),
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator as ScanRowIterator;
}
