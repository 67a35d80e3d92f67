import { describe, expect, it } from 'vitest';
import type { HistoryRow } from './history';
import { scanRowIterator } from './scan-row-iterator';

/** Pages of rows `_step` 0.. (sizes as given), and what happened to the generator. */
function pages(sizes: number[], failAt?: number) {
  const seen = { pulled: 0, closed: false };
  async function* gen(): AsyncGenerator<HistoryRow[], void, undefined> {
    let step = 0;
    try {
      for (const [i, size] of sizes.entries()) {
        if (i === failAt) throw new Error('page failed');
        seen.pulled++;
        yield Array.from({ length: size }, () => ({ _step: step++ }));
      }
    } finally {
      seen.closed = true;
    }
  }
  return { open: gen, seen };
}

describe('scanRowIterator', () => {
  it('hands out every row once, in order, over empty pages, and knows the last step', async () => {
    const { open } = pages([3, 0, 2, 0]);
    const it = scanRowIterator(open, undefined, null);
    const steps: unknown[] = [];
    for await (const row of it) steps.push(row._step);
    expect(steps).toEqual([0, 1, 2, 3, 4]);
    expect(it.lastDeliveredStep).toBe(4);
    expect(await it.next()).toEqual({ value: undefined, done: true });
  });

  it('answers calls made at once in call order, as an async generator does', async () => {
    const { open } = pages([2, 2]);
    const it = scanRowIterator(open, undefined, null);
    const results = await Promise.all([it.next(), it.next(), it.next(), it.next(), it.next()]);
    expect(results.map((r) => (r.done ? 'done' : r.value._step))).toEqual([0, 1, 2, 3, 'done']);
  });

  it('closes the pages on return() (a break), and ends', async () => {
    const { open, seen } = pages([2, 2, 2]);
    const it = scanRowIterator(open, undefined, null);
    for await (const row of it) if (row._step === 2) break;
    expect(seen).toEqual({ pulled: 2, closed: true });
    expect((await it.next()).done).toBe(true);
  });

  it('rejects with the page error once, then ends; throw() rejects with its error and closes', async () => {
    const failing = scanRowIterator(pages([1, 1], 1).open, undefined, 7);
    expect(failing.lastDeliveredStep).toBe(7);
    await expect(failing.next()).resolves.toEqual({ value: { _step: 0 }, done: false });
    await expect(failing.next()).rejects.toThrow('page failed');
    await expect(failing.next()).resolves.toEqual({ value: undefined, done: true });
    const { open, seen } = pages([2, 2]);
    const thrown = scanRowIterator(open, undefined, null);
    await thrown.next();
    await expect(thrown.throw(new Error('stop'))).rejects.toThrow('stop');
    expect(seen.closed).toBe(true);
  });

  it('checks the signal before the rows of each page', async () => {
    const stop = new AbortController();
    const { open, seen } = pages([2, 2]);
    const it = scanRowIterator(open, stop.signal, null);
    await it.next();
    await it.next();
    stop.abort(new Error('aborted'));
    await expect(it.next()).rejects.toThrow('aborted');
    expect(seen.closed).toBe(true);
  });
});
