/**
 * Paginated listings as async iterables.
 *
 * @packageDocumentation
 */
export { Collection, type CollectionOptions } from './collection';
export type { Page, PageFetcher } from './page';
export { checkPage, pageFromConnection, type ConnectionLike, type CursorSource } from './check-page';
