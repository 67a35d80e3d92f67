import { BadInputError } from '../errors/bad-input-error';
import { nonFiniteMarker } from './non-finite-marker';

/**
 * Writes a value as W&B's JSON dialect: like `JSON.stringify`, but `NaN`, `Infinity` and
 * `-Infinity` are written as bare tokens instead of `null`.
 *
 * @param value - Any JSON-compatible value.
 * @param space - Indentation, as for `JSON.stringify`.
 * @throws BadInputError when the value has no JSON form (`undefined`, a function).
 * @example
 * ```ts
 * stringifyWandbJson({ loss: NaN }); // '{"loss":NaN}'
 * ```
 */
export function stringifyWandbJson(value: unknown, space?: string | number): string {
  const marker = nonFiniteMarker();
  let found = false;
  const text = JSON.stringify(
    value,
    (_key, v: unknown) => {
      if (typeof v === 'number' && !Number.isFinite(v)) {
        found = true;
        return marker + (Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity');
      }
      return v;
    },
    space,
  ) as string | undefined;
  if (text === undefined)
    throw new BadInputError('Cannot write this value as JSON (undefined or a function)');
  if (!found) return text;
  return text.replace(new RegExp(`"${marker}(NaN|Infinity|-Infinity)"`, 'g'), '$1');
}
