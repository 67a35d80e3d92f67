import { BadInputError } from '../errors/bad-input-error';
import { malformedReply, parseReplyJson } from '../errors/malformed-reply';
import type { RequestOptions } from '../session/session';

/** One history row: `_step`, `_runtime`, `_timestamp` and the logged keys. */
export type HistoryRow = Record<string, unknown>;

/** History as columns: each key maps to its values, one per row (null where a row lacks the key). */
export type HistoryColumns = Record<string, unknown[]>;

/** Options of `sampledHistory()` and `run.history()`. */
export interface HistoryOptions extends RequestOptions {
  /** How many rows to sample. @defaultValue 500 */
  samples?: number;
  /** Only these keys (and only rows having all of them). */
  keys?: string[];
  /** The x axis key, placed first in the keys. @defaultValue '_step' */
  xAxis?: string;
  /** `default` for logged metrics, `system` for machine metrics (not with `keys`). @defaultValue 'default' */
  stream?: 'default' | 'system';
  /** `rows` (an array of row objects) or `columns` (`{key: values[]}`). @defaultValue 'rows' */
  format?: 'rows' | 'columns';
  /**
   * With `keys`: `all` keeps only rows having every key (Python's `run.history`); `any` keeps rows
   * having at least one, joined by `xAxis` (one spec per key, each sampled on its own).
   * @defaultValue 'all'
   */
  match?: 'all' | 'any';
}

/** Checks `keys` the way the SDK does, but throws instead of logging. */
export function validateKeys(keys: unknown, stream?: string): string[] | undefined {
  if (keys === undefined || keys === null) return undefined;
  if (!Array.isArray(keys)) throw new BadInputError('keys must be specified in a list');
  if (!keys.every((key) => typeof key === 'string')) {
    throw new BadInputError('keys argument must be a list of strings');
  }
  if (keys.includes('')) throw new BadInputError('keys must not hold an empty string');
  if (stream !== undefined && stream !== 'default') {
    throw new BadInputError('stream must be default when specifying keys');
  }
  return keys as string[];
}

/** Parses history rows sent as JSON text (NaN/±Infinity kept). */
export function parseRows(rows: readonly string[] | null | undefined): HistoryRow[] {
  return (rows ?? []).map((text) => parseReplyJson('history row', text) as HistoryRow);
}

/** Turns rows into columns over the union of their keys, in first-seen order. */
export function toColumns(rows: readonly HistoryRow[]): HistoryColumns {
  const keys = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) keys.add(key);
  const columns: HistoryColumns = {};
  for (const key of keys) columns[key] = rows.map((row) => (key in row ? row[key] : null));
  return columns;
}

/** The rows of the first spec of a `sampledHistory` answer. */
export function firstSpecRows(lists: readonly unknown[] | null | undefined): HistoryRow[] {
  const rows = lists?.[0] ?? [];
  if (!Array.isArray(rows)) throw malformedReply('sampledHistory is not a list of row lists');
  return rows as HistoryRow[];
}
