/** A Relay-style connection as the schema declares it. */
export interface Connection<T> {
  edges: { node: T; cursor: string }[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}

/**
 * Builds a connection from up to `size + 1` rows (the extra row only says there is a next page).
 * The last edge's cursor and `pageInfo.endCursor` carry the same value, as W&B clients expect.
 */
export function toConnection<R, T>(
  rows: R[],
  size: number,
  cursorOf: (row: R) => string,
  nodeOf: (row: R) => T,
): Connection<T> {
  const page = rows.slice(0, size);
  const edges = page.map((row) => ({ node: nodeOf(row), cursor: cursorOf(row) }));
  return {
    edges,
    pageInfo: { endCursor: edges.at(-1)?.cursor ?? null, hasNextPage: rows.length > size },
  };
}
