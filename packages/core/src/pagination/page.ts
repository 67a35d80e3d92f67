/** One page of a paginated listing. */
export interface Page<T> {
  /** The page's items, in order. */
  items: T[];
  /** Cursor to pass for the next page (the last edge's cursor or `pageInfo.endCursor`, see `CursorSource`). */
  endCursor: string | null;
  /** Whether another page follows. */
  hasNextPage: boolean;
  /** Size of the whole listing, when the server counts it (e.g. `runCount`). */
  total?: number | null;
}

/** Loads the page after `cursor` (`null` for the first page). */
export type PageFetcher<T> = (cursor: string | null, signal: AbortSignal | undefined) => Promise<Page<T>>;
