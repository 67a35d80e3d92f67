import { stringifyWandbJson } from '@wbapi/node';
import { flatten } from './flatten';

/** A value as CSV text before quoting: numbers as written by JS, NaN/Infinity by name, objects as JSON. */
export function csvText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    if (value === Infinity) return 'Infinity';
    if (value === -Infinity) return '-Infinity';
    return String(value);
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return stringifyWandbJson(value);
}

/**
 * One CSV field per RFC 4180: quoted when it holds a quote, comma, CR or LF, or starts or ends
 * with whitespace (which many readers would trim); quotes inside are doubled.
 */
export function csvField(value: unknown): string {
  const text = csvText(value);
  if (/[",\r\n]/.test(text) || /^\s|\s$/.test(text)) return `"${text.replace(/"/g, '""')}"`;
  return text;
}

/** One CSV record, ending in CRLF as RFC 4180 says. */
export function csvRecord(values: readonly unknown[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** Keys of all rows in first-seen order: the header of a table of these rows. */
export function unionKeys(rows: readonly Record<string, unknown>[]): string[] {
  const keys = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) keys.add(key);
  return [...keys];
}

/**
 * A whole CSV document: the header, then one record per row (missing keys left empty). Nested
 * objects in the rows become dotted columns at every level (see {@link flatten}).
 */
export function toCsv(rows: readonly Record<string, unknown>[], columns?: readonly string[]): string {
  const flat = rows.map((row) => flatten(row));
  const header = columns ?? unionKeys(flat);
  let out = csvRecord(header);
  for (const row of flat) out += csvRecord(header.map((key) => row[key]));
  return out;
}
