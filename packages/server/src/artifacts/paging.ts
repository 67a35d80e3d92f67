import { idCursor, parseIdCursor } from '../util/cursor';
import { DEFAULT_PAGE_SIZE } from '../util/limits';

/** Largest page of artifact file listings (the SDK asks for 5000 download URLs at a time). */
export const MAX_FILES_PAGE = 5000;

/** A connection with `totalCount`, edges and pageInfo. */
export interface CountedConnection<T> {
  totalCount: number;
  edges: ({ node: T; cursor: string } & Record<string, unknown>)[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}

/** Start offset and size of a page whose cursors are positions (`<kind>:<offset>`). */
export function pageWindow(
  kind: string,
  after: string | null | undefined,
  first: number | null | undefined,
  max: number,
): { offset: number; size: number } {
  const size = first === null || first === undefined ? DEFAULT_PAGE_SIZE : Math.max(0, Math.min(first, max));
  return { offset: parseIdCursor(kind, after), size };
}

/** A page of `rows` (already cut to the window) as a connection; `extra` adds edge fields. */
export function positionConnection<R, T>(
  kind: string,
  rows: readonly R[],
  offset: number,
  total: number,
  nodeOf: (row: R) => T,
  extra: (row: R) => Record<string, unknown> = () => ({}),
): CountedConnection<T> {
  const edges = rows.map((row, i) => ({
    node: nodeOf(row),
    cursor: idCursor(kind, offset + i + 1),
    ...extra(row),
  }));
  return {
    totalCount: total,
    edges,
    pageInfo: { endCursor: edges.at(-1)?.cursor ?? null, hasNextPage: offset + rows.length < total },
  };
}

/** A page of an in-memory list. */
export function listConnection<R, T>(
  kind: string,
  all: readonly R[],
  after: string | null | undefined,
  first: number | null | undefined,
  nodeOf: (row: R) => T,
  max = 1000,
  extra?: (row: R) => Record<string, unknown>,
): CountedConnection<T> {
  const { offset, size } = pageWindow(kind, after, first, max);
  return positionConnection(kind, all.slice(offset, offset + size), offset, all.length, nodeOf, extra);
}
