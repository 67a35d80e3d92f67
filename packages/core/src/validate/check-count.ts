import { BadInputError } from '../errors';
import { describeValue } from './describe-value';

/**
 * A count option checked before any request: `undefined` gives `fallback`; otherwise a positive
 * integer, lowered to `cap` when above it (the server caps it there too).
 *
 * @throws BadInputError naming the option, e.g. `perPage must be a positive integer, not 0`.
 * @example positiveCount('perPage', options.perPage, 50, MAX_PER_PAGE)
 */
export function positiveCount(name: string, value: unknown, fallback: number, cap: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new BadInputError(`${name} must be a positive integer, not ${describeValue(value)}`);
  }
  return Math.min(value, cap);
}

/**
 * A step bound checked before any request: `undefined` stays so; otherwise a finite integer.
 *
 * @throws BadInputError naming the option, e.g. `minStep must be an integer, not NaN`.
 */
export function stepBound(name: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new BadInputError(`${name} must be an integer, not ${describeValue(value)}`);
  }
  return value;
}

/**
 * A step window `[minStep, maxStep)` checked before any request: each bound an integer, and
 * `minStep` not above `maxStep`.
 *
 * @throws BadInputError naming the bound at fault.
 */
export function stepWindow(minStep: unknown, maxStep: unknown): void {
  const low = stepBound('minStep', minStep);
  const high = stepBound('maxStep', maxStep);
  if (low !== undefined && high !== undefined && low > high) {
    throw new BadInputError(`minStep (${low}) must not be above maxStep (${high})`);
  }
}
