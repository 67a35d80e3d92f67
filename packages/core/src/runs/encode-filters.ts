import { BadInputError } from '../errors';
import { checkFilters } from '../validate';

/**
 * The JSON text sent as `filters` (as Python's `Runs` sends it): the object as-is, `{}` when absent.
 * Anything that is not a plain JSON object (arrays, functions, cycles, NaN, dates...) is a
 * BadInputError, raised before any request.
 */
export function encodeFilters(filters: unknown): string {
  if (filters === undefined || filters === null) return '{}';
  if (typeof filters !== 'object' || Array.isArray(filters)) {
    throw new BadInputError('filters must be an object such as {"state": "finished"}');
  }
  checkFilters(filters);
  return JSON.stringify(filters);
}
