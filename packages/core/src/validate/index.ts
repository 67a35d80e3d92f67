/**
 * Checks of what users pass, made before any request; each failure is a {@link BadInputError}
 * whose message names the argument and the problem.
 *
 * @packageDocumentation
 */
export { checkBaseUrl } from './check-base-url';
export { positiveCount, stepBound, stepWindow } from './check-count';
export { checkFilters } from './check-filters';
export { keyList } from './check-key-list';
export { MAX_FILTER_DEPTH, MAX_FILTER_VALUES, MAX_PER_PAGE, MAX_SAMPLES } from './limits';
