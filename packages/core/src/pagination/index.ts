/**
 * Paginated listings as async iterables: one {@link Pager} serves them all.
 *
 * @packageDocumentation
 */
export { Pager, checkLimit, type PagerOptions } from './pager';
export type { Page, PageFetcher } from './page';
export { checkPage, pageFromConnection, type ConnectionLike, type CursorSource } from './check-page';
