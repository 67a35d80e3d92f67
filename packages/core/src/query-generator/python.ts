// Python semantics the reference implementation relies on, reproduced so that ports agree
// byte for byte: truthiness, repr() of plain data, and dict lookups that fail loudly.
import { BadInputError } from '../errors';

/** Python's `bool(value)` for JSON-like data: empty containers, `0`, `""`, `null` are false; NaN is true. */
export function pyTruthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

function reprString(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\\' || ch === quote) out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += '\\x' + code.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + quote;
}

function reprNumber(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  return String(value);
}

/** Python's `repr()` of JSON-like data: single quotes, `True`/`False`/`None`, `': '` and `', '` separators. */
export function pyRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return reprNumber(value);
  if (typeof value === 'string') return reprString(value);
  if (Array.isArray(value)) return '[' + value.map(pyRepr).join(', ') + ']';
  if (typeof value === 'object') {
    const items = Object.entries(value).map(([k, v]) => `${reprString(k)}: ${pyRepr(v)}`);
    return '{' + items.join(', ') + '}';
  }
  return reprString(String(value));
}

/** True for a plain (non-array) object, i.e. what Python would see as a dict. */
export function isDict(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `dict[name]`: throws when `obj` is not a dict or lacks the field (Python's KeyError). */
export function field(obj: unknown, name: string, what: string): unknown {
  if (!isDict(obj)) throw new BadInputError(`${what} must be an object, got ${pyRepr(obj)}`);
  if (!Object.hasOwn(obj, name) || obj[name] === undefined) {
    throw new BadInputError(`${what} has no ${reprString(name)} field`);
  }
  return obj[name];
}

/** `mapping[key]` for one of the operator tables: throws naming the unknown operator (Python's KeyError). */
export function lookup<V>(table: Readonly<Record<string, V>>, key: unknown, what: string): V {
  if (typeof key === 'string' && Object.hasOwn(table, key)) return table[key] as V;
  throw new BadInputError(`Unknown ${what}: ${pyRepr(key)}`);
}
