import type { JsonType } from './operand';

/** A JSON value as it can appear in a filter. */
export type FilterValue = null | boolean | number | string | FilterValue[] | { [key: string]: FilterValue };

/** True for a plain (non-array, non-null) object. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True for an object whose keys all start with `$` (an operator expression). */
export function isOperatorObject(value: unknown): value is Record<string, unknown> {
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.some((k) => k.startsWith('$'));
}

/** JSON types a scalar compares with (no cross-type coercion). */
export function typesOf(value: number | string | boolean): readonly JsonType[] {
  if (typeof value === 'number') return ['integer', 'real'];
  if (typeof value === 'string') return ['text'];
  return value ? ['true'] : ['false'];
}

/** Short description of a value for error messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
