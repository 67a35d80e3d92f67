/**
 * Deep equality of JSON values: same type, numbers compared with `Object.is` (so `NaN` equals
 * `NaN`), arrays item by item, objects by the same set of keys. Tells whether a decoded value
 * was left untouched.
 *
 * @example
 * ```ts
 * jsonEqual({ a: [1, NaN] }, { a: [1, NaN] }); // true
 * ```
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => jsonEqual(item, b[i]));
  }
  if (Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  if (aKeys.length !== Object.keys(b).length) return false;
  const bObject = b as Record<string, unknown>;
  return aKeys.every((key) => key in bObject && jsonEqual((a as Record<string, unknown>)[key], bObject[key]));
}
