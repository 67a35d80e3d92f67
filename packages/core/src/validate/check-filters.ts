import { BadInputError } from '../errors';
import { MAX_FILTER_DEPTH, MAX_FILTER_VALUES } from './limits';

/**
 * Checks `filters` before any request: plain JSON data (objects, arrays, strings, finite numbers,
 * booleans, null) nested at most {@link MAX_FILTER_DEPTH} deep with at most
 * {@link MAX_FILTER_VALUES} values. Walks with an explicit stack, so a filter nested 100,000 deep
 * is a BadInputError, never a stack overflow; a cycle is reported as such.
 *
 * @throws BadInputError whose message names the part of `filters` at fault.
 */
export function checkFilters(filters: object): void {
  const stack: { value: unknown; path: string; ancestors: readonly object[] }[] = [
    { value: filters, path: 'filters', ancestors: [] },
  ];
  let values = 0;
  while (stack.length > 0) {
    const { value, path, ancestors } = stack.pop() as (typeof stack)[number];
    if (++values > MAX_FILTER_VALUES) {
      throw new BadInputError(`filters holds more than ${MAX_FILTER_VALUES} values (the server's limit)`);
    }
    if (value === null || typeof value === 'string' || typeof value === 'boolean') continue;
    if (typeof value === 'number') {
      if (!Number.isFinite(value))
        throw new BadInputError(`filters: ${path} is ${value}, which JSON cannot carry`);
      continue;
    }
    if (typeof value !== 'object')
      throw new BadInputError(`filters: ${path} is a ${typeof value}, not JSON data`);
    if (ancestors.includes(value)) throw new BadInputError(`filters: ${path} refers back to itself`);
    if (ancestors.length >= MAX_FILTER_DEPTH) {
      throw new BadInputError(
        `filters is nested deeper than ${MAX_FILTER_DEPTH} levels (the server's limit)`,
      );
    }
    const proto: unknown = Object.getPrototypeOf(value);
    if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) {
      throw new BadInputError(`filters: ${path} is not a plain object or array`);
    }
    const inside = [...ancestors, value];
    for (const [key, item] of Object.entries(value))
      stack.push({ value: item, path: `${path}.${key}`, ancestors: inside });
  }
}
