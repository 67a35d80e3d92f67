import { PaginationError } from '../errors/pagination-error';
import type { Page } from './page';

/**
 * Checks a fetched page before it is used: it must say whether more follow, and a page that
 * says so must move the cursor forward (otherwise the listing would loop forever).
 *
 * @param cursor - The cursor the page was requested with.
 * @throws PaginationError when `pageInfo` is missing or the cursor did not advance.
 */
export function checkPage<T, C>(page: Page<T, C> | null | undefined, cursor: C | null): Page<T, C> {
  if (!page || typeof page.hasNextPage !== 'boolean' || !Array.isArray(page.items)) {
    throw new PaginationError('Page is missing pageInfo (hasNextPage) or items');
  }
  if (
    page.hasNextPage &&
    (page.endCursor === null || page.endCursor === undefined || page.endCursor === cursor)
  ) {
    throw new PaginationError(
      `Pagination cursor did not advance (${page.endCursor === cursor ? 'same cursor' : 'no cursor'} with hasNextPage)`,
    );
  }
  return page;
}

/** A Relay connection as the generated documents type it. */
export interface ConnectionLike<N> {
  /** The edges; null nodes are skipped. */
  edges?: ReadonlyArray<{ node?: N | null; cursor?: string | null } | null> | null;
  /** Required: a connection without it cannot be paged safely. */
  pageInfo?: { endCursor?: string | null; hasNextPage?: boolean | null } | null;
}

/**
 * Where the next page's cursor comes from: the last edge's `cursor` (what the Python client feeds
 * back for runs, files and reports) or `pageInfo.endCursor` (its generated paginators for projects
 * and sweeps). Either falls back to the other when missing.
 */
export type CursorSource = 'lastEdge' | 'endCursor';

/**
 * Turns a Relay connection into a {@link Page}, mapping each non-null node.
 *
 * @param cursorFrom - See {@link CursorSource}. @defaultValue `'lastEdge'`
 * @throws PaginationError when the connection or its `pageInfo` is missing.
 */
export function pageFromConnection<N, T>(
  connection: ConnectionLike<N> | null | undefined,
  map: (node: N) => T,
  total?: number | null,
  cursorFrom: CursorSource = 'lastEdge',
): Page<T> {
  const pageInfo = connection?.pageInfo;
  if (!connection || !pageInfo || typeof pageInfo.hasNextPage !== 'boolean') {
    throw new PaginationError('Connection is missing pageInfo');
  }
  const edges = connection.edges ?? [];
  const items: T[] = [];
  for (const edge of edges) {
    if (edge?.node !== null && edge?.node !== undefined) items.push(map(edge.node));
  }
  const lastEdge = edges[edges.length - 1]?.cursor;
  const endCursor =
    (cursorFrom === 'lastEdge' ? (lastEdge ?? pageInfo.endCursor) : (pageInfo.endCursor ?? lastEdge)) ?? null;
  return { items, endCursor, hasNextPage: pageInfo.hasNextPage, total: total ?? null };
}
