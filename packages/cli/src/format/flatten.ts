/** Whether a value is a plain object (JSON object), not an array, Date or class instance. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Nested objects as dotted keys at every level, for CSV columns: `{ optimizer: { name: 'adam' } }`
 * with prefix `config.` gives `config.optimizer.name`. Arrays and empty objects stay values
 * (written as JSON text).
 *
 * @example
 * ```ts
 * flatten({ a: { b: { c: 1 } }, d: [1, 2] }); // { 'a.b.c': 1, d: [1, 2] }
 * ```
 */
export function flatten(
  value: Record<string, unknown>,
  prefix = '',
  out: Record<string, unknown> = {},
): Record<string, unknown> {
  for (const [key, inner] of Object.entries(value)) {
    if (isPlainObject(inner) && Object.keys(inner).length > 0) flatten(inner, `${prefix}${key}.`, out);
    else out[`${prefix}${key}`] = inner;
  }
  return out;
}
