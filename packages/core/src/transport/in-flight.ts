import { abortReason } from './abort';

interface Shared<T> {
  promise: Promise<T>;
  controller: AbortController;
  waiters: number;
}

/**
 * Shares identical requests in flight: the first caller starts the work, later callers with the
 * same key wait for the same promise. Each caller may abort its own wait; the work itself is
 * aborted only when every waiter has given up.
 */
export class InFlight<T> {
  private readonly shared = new Map<string, Shared<T>>();

  /** Number of distinct requests in flight. */
  get size(): number {
    return this.shared.size;
  }

  /** Joins the request for `key`, starting it with `start` when none is in flight. */
  run(key: string, start: (signal: AbortSignal) => Promise<T>, signal: AbortSignal | undefined): Promise<T> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    let entry = this.shared.get(key);
    if (!entry) {
      const controller = new AbortController();
      const created: Shared<T> = { controller, waiters: 0, promise: start(controller.signal) };
      const forget = (): void => {
        if (this.shared.get(key) === created) this.shared.delete(key);
      };
      created.promise.then(forget, forget);
      this.shared.set(key, created);
      entry = created;
    }
    return this.wait(key, entry, signal);
  }

  /** Forgets every request in flight: later callers start new ones (running ones finish for their waiters). */
  clear(): void {
    this.shared.clear();
  }

  private wait(key: string, entry: Shared<T>, signal: AbortSignal | undefined): Promise<T> {
    entry.waiters++;
    if (!signal) return entry.promise;
    return new Promise<T>((resolve, reject) => {
      const onAbort = (): void => {
        entry.waiters--;
        if (entry.waiters === 0) {
          if (this.shared.get(key) === entry) this.shared.delete(key);
          entry.controller.abort(abortReason(signal));
        }
        reject(abortReason(signal));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      entry.promise.then(
        (value) => {
          signal.removeEventListener('abort', onAbort);
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(error);
        },
      );
    });
  }
}
