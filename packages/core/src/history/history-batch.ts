import type { HistoryRow } from './history';

/**
 * One key's values in a {@link HistoryBatch}, row by row: a `Float64Array` when every row of the
 * batch that has the key holds a number there (NaN and ±Infinity included), else an array of
 * the values with `undefined` where a row lacks the key.
 */
export type HistoryColumn = Float64Array | unknown[];

/**
 * Consecutive history rows as columns, as `historyBatches(scan)` hands them out: `columns[key][r]` is
 * row `r`'s value of `key`. A row lacks a key when the key's `present` mask says 0 there
 * (`Float64Array` columns; no mask means every row has the key) or when its value is `undefined`
 * (array columns). Keys are in the order they first appear in the rows, `_step` first; `_step` is
 * always a `Float64Array` that every row has.
 *
 * @example
 * ```ts
 * for await (const batch of historyBatches(run.scanHistory({ keys: ['loss'] }))) {
 *   const loss = batch.columns['loss'] as Float64Array; // every row has it: a keyed scan
 *   for (let r = 0; r < batch.length; r++) total += loss[r];
 * }
 * ```
 */
export interface HistoryBatch {
  /** Rows in the batch (at least one). */
  readonly length: number;
  /** Each key's values, row by row. */
  readonly columns: Readonly<Record<string, HistoryColumn>>;
  /** For a `Float64Array` column that some rows lack: 1 where the row has the key, 0 where not. */
  readonly present: Readonly<Record<string, Uint8Array>>;
}

/** The rows as one batch (see {@link HistoryBatch}); `rows` must not be empty. */
export function batchFromRows(rows: readonly HistoryRow[]): HistoryBatch {
  const keys = new Set<string>(['_step']);
  for (const row of rows) for (const key in row) keys.add(key);
  const columns: Record<string, HistoryColumn> = {};
  const present: Record<string, Uint8Array> = {};
  const n = rows.length;
  for (const key of keys) {
    let numbers = true;
    let missing = 0;
    for (let r = 0; r < n && numbers; r++) {
      const row = rows[r] as HistoryRow;
      if (!(key in row)) missing++;
      else numbers = typeof row[key] === 'number';
    }
    if (!numbers) {
      columns[key] = rows.map((row) => (key in row ? row[key] : undefined));
      continue;
    }
    const values = new Float64Array(n);
    const mask = missing > 0 ? new Uint8Array(n) : null;
    for (let r = 0; r < n; r++) {
      const row = rows[r] as HistoryRow;
      if (!(key in row)) continue;
      values[r] = row[key] as number;
      if (mask) mask[r] = 1;
    }
    columns[key] = values;
    if (mask) present[key] = mask;
  }
  return { length: n, columns, present };
}

/** The rows of a batch again: row `r` has the keys it has in the batch, in the batch's key order. */
export function batchRows(batch: HistoryBatch): HistoryRow[] {
  const rows: HistoryRow[] = [];
  const entries = Object.entries(batch.columns);
  for (let r = 0; r < batch.length; r++) {
    const row: HistoryRow = {};
    for (const [key, column] of entries) {
      if (column instanceof Float64Array) {
        const mask = batch.present[key];
        if (!mask || mask[r] === 1) row[key] = column[r];
      } else if (column[r] !== undefined) row[key] = column[r];
    }
    rows.push(row);
  }
  return rows;
}
