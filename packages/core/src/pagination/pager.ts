import { BadInputError } from '../errors/bad-input-error';
import { anySignal } from '../transport/abort';
import { checkPage } from './check-page';
import type { Page, PageFetcher } from './page';

/** Options of a {@link Pager}. */
export interface PagerOptions {
  /** Aborts every page fetch of every iteration. */
  signal?: AbortSignal;
}

/** Checks a `toArray` limit: a non-negative integer, or `Infinity` on purpose. */
export function checkLimit(options: { limit: number } | undefined): number {
  const limit = options?.limit;
  if (typeof limit !== 'number' || limit < 0 || !(Number.isInteger(limit) || limit === Infinity)) {
    throw new BadInputError(
      'toArray needs { limit }: a non-negative integer, or Infinity to read everything',
    );
  }
  return limit;
}

/**
 * A lazy, paginated listing: `for await (const run of runs)`. Every paginated collection of
 * wbapi (runs, files, sweeps, projects, reports) and the history scan is one.
 *
 * - While you work on one page, the next one is already being fetched (at most one ahead).
 * - `break` (or an error in your loop) stops it: no further page is requested and the
 *   prefetch is aborted.
 * - Each iteration keeps its own cursor: two loops over one pager, even at the same time, each
 *   get every item once. Iterating again starts over from the first page (pages are not kept,
 *   so memory stays flat however long the listing; the response cache may answer the repeats).
 *   The Python client instead keeps every loaded object.
 * - A cursor that does not advance, or a page without `pageInfo`, throws {@link PaginationError}.
 *
 * @example
 * ```ts
 * for await (const run of api.runs('acme/mnist')) console.log(run.name);
 * const first100 = await api.runs('acme/mnist').toArray({ limit: 100 });
 * ```
 */
export class Pager<T, C = string> implements AsyncIterable<T> {
  // Set in the constructor, hence `declare`: bundles get no separate field definitions.
  declare private readonly fetchPage: PageFetcher<T, C>;
  declare private readonly pagerOptions: PagerOptions;
  private latestTotal: number | null | undefined;

  /** A pager over the pages `fetchPage` returns; prefer the functions and methods that make one. */
  constructor(fetchPage: PageFetcher<T, C>, options: PagerOptions = {}) {
    this.fetchPage = fetchPage;
    this.pagerOptions = options;
  }

  /** Iterates over every item, fetching pages as needed (one page ahead). */
  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    for await (const items of this.pages()) yield* items;
  }

  /** Iterates page by page (each page's items as an array), prefetching one page ahead. */
  async *pages(): AsyncGenerator<T[], void, undefined> {
    const stop = new AbortController();
    const linked = anySignal([this.pagerOptions.signal, stop.signal]);
    let pending: Promise<Page<T, C>> | null = this.load(null, linked.signal);
    try {
      while (pending) {
        const page: Page<T, C> = await pending;
        pending = page.hasNextPage ? this.load(page.endCursor, linked.signal) : null;
        // The prefetch may fail while the caller is busy; its error surfaces when awaited.
        pending?.catch(() => undefined);
        yield page.items;
      }
    } finally {
      if (pending) stop.abort(new DOMException('Iteration stopped', 'AbortError'));
      linked.dispose();
    }
  }

  /**
   * Collects up to `limit` items, fetching pages one after another (no prefetch, nothing beyond
   * what is needed). `limit` is required: pass `Infinity` to load everything on purpose.
   *
   * @throws BadInputError when `limit` is missing, negative or not an integer.
   */
  async toArray(options: { limit: number }): Promise<T[]> {
    const limit = checkLimit(options);
    const out: T[] = [];
    let cursor: C | null = null;
    while (out.length < limit) {
      const page = await this.load(cursor, this.pagerOptions.signal);
      for (const item of page.items) {
        if (out.length >= limit) break;
        out.push(item);
      }
      if (!page.hasNextPage) break;
      cursor = page.endCursor;
    }
    return out;
  }

  /**
   * The size of the whole listing as the server counts it, from the latest page fetched
   * (the first page is fetched if none has been).
   *
   * @param options - `signal` aborts that first fetch (as does the collection's own signal).
   * @throws BadInputError "Object doesn't provide length" when this listing has no count.
   */
  async length(options: { signal?: AbortSignal } = {}): Promise<number> {
    if (this.latestTotal === undefined) {
      const linked = anySignal([this.pagerOptions.signal, options.signal]);
      try {
        await this.load(null, linked.signal);
      } finally {
        linked.dispose();
      }
    }
    if (typeof this.latestTotal !== 'number') throw new BadInputError("Object doesn't provide length");
    return this.latestTotal;
  }

  private async load(cursor: C | null, signal: AbortSignal | undefined): Promise<Page<T, C>> {
    const page = checkPage(await this.fetchPage(cursor, signal), cursor);
    if (page.total !== undefined) this.latestTotal = page.total;
    return page;
  }
}
