import { describe, expect, it } from 'vitest';
import { BadInputError, PaginationError } from '../errors';
import { Pager } from './pager';
import { pageFromConnection } from './check-page';
import type { Page } from './page';

/** A fake server of `pages` pages of `size` numbered items, counting fetches. */
function pagedSource(pages: number, size = 2) {
  const calls: Array<string | null> = [];
  const fetchPage = async (cursor: string | null): Promise<Page<number>> => {
    calls.push(cursor);
    const index = cursor === null ? 0 : Number(cursor);
    const items = Array.from({ length: size }, (_, i) => index * size + i);
    const hasNextPage = index + 1 < pages;
    return { items, endCursor: String(index + 1), hasNextPage, total: pages * size };
  };
  return { calls, fetchPage };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('Pager', () => {
  it('yields every item in order across pages', async () => {
    const { fetchPage, calls } = pagedSource(3);
    const seen: number[] = [];
    for await (const item of new Pager(fetchPage)) seen.push(item);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5]);
    expect(calls).toEqual([null, '1', '2']);
  });

  it('prefetches at most one page ahead of a slow consumer', async () => {
    const { fetchPage, calls } = pagedSource(5);
    const iterator = new Pager(fetchPage)[Symbol.asyncIterator]();
    await iterator.next(); // item 0 of page 1
    await tick();
    await tick();
    expect(calls).toHaveLength(2); // page 1 and the prefetch of page 2, no more
    await iterator.next(); // item 1
    await tick();
    expect(calls).toHaveLength(2);
    await iterator.next(); // item 2: first of page 2 → page 3 prefetched
    await tick();
    expect(calls).toHaveLength(3);
    await iterator.return?.();
  });

  it('stops fetching on break and swallows the aborted prefetch', async () => {
    const signals: Array<AbortSignal | undefined> = [];
    const fetchPage = async (
      cursor: string | null,
      signal: AbortSignal | undefined,
    ): Promise<Page<number>> => {
      signals.push(signal);
      if (cursor !== null) {
        await new Promise((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason)));
      }
      return { items: [1, 2], endCursor: 'next', hasNextPage: true };
    };
    for await (const item of new Pager(fetchPage)) {
      expect(item).toBe(1);
      break;
    }
    await tick();
    expect(signals).toHaveLength(2);
    expect(signals[1]?.aborted).toBe(true);
  });

  it('restarts from the first page when iterated again', async () => {
    const { fetchPage, calls } = pagedSource(2);
    const collection = new Pager(fetchPage);
    expect(await collection.toArray({ limit: 10 })).toEqual([0, 1, 2, 3]);
    expect(await collection.toArray({ limit: 10 })).toEqual([0, 1, 2, 3]);
    expect(calls).toEqual([null, '1', null, '1']);
  });

  it('throws PaginationError when the cursor does not advance', async () => {
    const fetchPage = async (): Promise<Page<number>> => ({
      items: [1],
      endCursor: 'same',
      hasNextPage: true,
    });
    await expect(new Pager(fetchPage).toArray({ limit: 100 })).rejects.toBeInstanceOf(PaginationError);
    const noCursor = async (): Promise<Page<number>> => ({ items: [1], endCursor: null, hasNextPage: true });
    await expect(new Pager(noCursor).toArray({ limit: 100 })).rejects.toBeInstanceOf(PaginationError);
  });

  it('throws PaginationError on a page without pageInfo', async () => {
    const fetchPage = async () => ({ items: [1] }) as unknown as Page<number>;
    await expect(async () => {
      for await (const _ of new Pager(fetchPage)) void _;
    }).rejects.toBeInstanceOf(PaginationError);
    expect(() => pageFromConnection({ edges: [] }, (n) => n)).toThrow(PaginationError);
  });

  it('continues past an empty page that has a new cursor', async () => {
    const fetchPage = async (cursor: string | null): Promise<Page<number>> =>
      cursor === null
        ? { items: [], endCursor: 'a', hasNextPage: true }
        : { items: [7], endCursor: 'b', hasNextPage: false };
    expect(await new Pager(fetchPage).toArray({ limit: 5 })).toEqual([7]);
  });

  it('toArray stops at the limit without fetching further pages, and requires a limit', async () => {
    const { fetchPage, calls } = pagedSource(10);
    const collection = new Pager(fetchPage);
    expect(await collection.toArray({ limit: 3 })).toEqual([0, 1, 2]);
    expect(calls).toHaveLength(2);
    await expect(collection.toArray({} as { limit: number })).rejects.toBeInstanceOf(BadInputError);
    await expect(collection.toArray({ limit: -1 })).rejects.toBeInstanceOf(BadInputError);
    expect(await collection.toArray({ limit: Number.POSITIVE_INFINITY })).toHaveLength(20);
  });

  it('pages() yields arrays', async () => {
    const { fetchPage } = pagedSource(2, 3);
    const pages: number[][] = [];
    for await (const page of new Pager(fetchPage).pages()) pages.push(page);
    expect(pages).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);
  });

  it('length() reports the server count, or says there is none', async () => {
    const { fetchPage, calls } = pagedSource(4);
    expect(await new Pager(fetchPage).length()).toBe(8);
    expect(calls).toEqual([null]);
    const uncounted = async (): Promise<Page<number>> => ({ items: [], endCursor: null, hasNextPage: false });
    await expect(new Pager(uncounted).length()).rejects.toThrow("Object doesn't provide length");
  });

  it('passes the collection signal to fetches', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    const fetchPage = async (_: string | null, signal: AbortSignal | undefined): Promise<Page<number>> => {
      if (signal?.aborted) throw signal.reason;
      return { items: [1], endCursor: null, hasNextPage: false };
    };
    await expect(new Pager(fetchPage, { signal: controller.signal }).toArray({ limit: 1 })).rejects.toThrow(
      'stop',
    );
  });

  it('pageFromConnection maps nodes and takes endCursor (or the last edge cursor)', () => {
    const page = pageFromConnection(
      {
        edges: [{ node: { n: 1 }, cursor: 'c1' }, null, { node: { n: 2 }, cursor: 'c2' }],
        pageInfo: { hasNextPage: true },
      },
      (node) => node.n,
      5,
    );
    expect(page).toEqual({ items: [1, 2], endCursor: 'c2', hasNextPage: true, total: 5 });
  });
});
