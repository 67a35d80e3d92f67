/**
 * Runs `task` over `items` with at most `concurrency` at a time. The first failure aborts the
 * signal handed to the others; once every started task has settled, it is thrown.
 */
export async function runPool<T>(
  items: Iterable<T>,
  concurrency: number,
  task: (item: T, signal: AbortSignal) => Promise<void>,
  outer?: AbortSignal,
): Promise<void> {
  const stop = new AbortController();
  const onAbort = () => stop.abort(outer?.reason);
  outer?.addEventListener('abort', onAbort, { once: true });
  const iterator = items[Symbol.iterator]();
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    for (;;) {
      if (stop.signal.aborted) return;
      const next = iterator.next();
      if (next.done) return;
      try {
        await task(next.value, stop.signal);
      } catch (error) {
        failure ??= { error };
        stop.abort(error);
        return;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  } finally {
    outer?.removeEventListener('abort', onAbort);
  }
  if (failure) throw failure.error;
  outer?.throwIfAborted();
}

/** At most `limit` holders at a time; the others wait in line. */
export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  /** Runs `fn` once a slot is free, and frees the slot after it settles. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= Math.max(1, this.limit))
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}
