/** One page of a paginated listing. */
export interface Page<T, C = string> {
  /** The page's items, in order. */
  items: T[];
  /** Cursor to pass for the next page (the last edge's cursor or `pageInfo.endCursor`, see `CursorSource`). */
  endCursor: C | null;
  /** Whether another page follows. */
  hasNextPage: boolean;
  /** Size of the whole listing, when the server counts it (e.g. `runCount`). */
  total?: number | null;
}

/**
 * Loads the page after `cursor` (`null` for the first page). Called by one iteration at a
 * time; whatever an iteration must remember travels in the cursor.
 */
export type PageFetcher<T, C = string> = (
  cursor: C | null,
  signal: AbortSignal | undefined,
) => Promise<Page<T, C>>;
