/**
 * Compiles MongoDB-style runs filters and order strings to parameterised SQLite SQL over the
 * `runs` table (see `src/store/schema.ts`), with keyset pagination cursors.
 *
 * @packageDocumentation
 */
export { FilterError } from './filter-error';
export { compileRunFilter } from './compile-filter';
export { compileRunPage, compileRunCount, SORT_KEY_PREFIX } from './compile-page';
export { registerSqlFunctions } from './sql-functions';
export { DEFAULT_ORDER } from './order';
export { RunListingCache, runListing } from './listing-cache';
export type { ListingCacheOptions, RunPage } from './listing-cache';
