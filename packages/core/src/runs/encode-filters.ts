import { BadInputError } from '../errors';

function check(value: unknown, path: string, seen: Set<object>): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      throw new BadInputError(`filters: ${path} is ${value}, which JSON cannot carry`);
    return;
  }
  if (typeof value !== 'object')
    throw new BadInputError(`filters: ${path} is a ${typeof value}, not JSON data`);
  if (seen.has(value)) throw new BadInputError(`filters: ${path} refers back to itself`);
  const proto: unknown = Object.getPrototypeOf(value);
  if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) {
    throw new BadInputError(`filters: ${path} is not a plain object or array`);
  }
  seen.add(value);
  for (const [key, item] of Object.entries(value)) check(item, `${path}.${key}`, seen);
  seen.delete(value);
}

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
  check(filters, 'filters', new Set());
  return JSON.stringify(filters);
}
