import type { HistoryRow } from '../history';
import type { HistoryBatch, HistoryColumn } from '../history-batch';
import { toHistoryValue } from './column-values';
import type { FloatColumn } from './flat/flat-chunk';
import { keepKeys } from './merge-rows';
import { ParquetHistoryFormatError } from './parquet-history-format-error';
import { toStep } from './step-value';

/** A decoded column: numbers in a Float64Array with a presence mask, or values as hyparquet gives them. */
export type ColumnData = FloatColumn | unknown[];

/** One column as rows read it (one shape for every column, so the row loop stays monomorphic). */
interface Slot {
  /** The key in a row: the column name, or the first part of its dotted path. */
  key: string;
  /** The dotted path split, or null for a plain name. */
  path: readonly string[] | null;
  /** Numbers (with `present`), or null for a column of other values. */
  values: Float64Array | null;
  present: Uint8Array;
  /** Other values, or null for a number column. */
  raw: unknown[] | null;
}

const NONE = new Uint8Array(0);

function slotOf(name: string, data: ColumnData): Slot {
  const path = name.includes('.') ? name.split('.') : null;
  const key = path ? (path[0] as string) : name;
  return Array.isArray(data)
    ? { key, path, values: null, present: NONE, raw: data }
    : { key, path, values: data.values, present: data.present, raw: null };
}

/** `_step` of each row of a number column: integers (NaN where null or not finite). */
function floatSteps({ values, present }: FloatColumn): Float64Array {
  const steps = new Float64Array(values.length);
  for (let r = 0; r < values.length; r++) {
    const v = values[r] as number;
    // `+ 0` turns -0 into 0, as `toStep` does; a non-finite step is no step.
    steps[r] = present[r] === 1 && Number.isFinite(v) ? Math.trunc(v) + 0 : NaN;
  }
  return steps;
}

/** The history value of row `r` of a slot, `undefined` when the row has none. */
function valueAt(slot: Slot, r: number): unknown {
  if (slot.values !== null) return slot.present[r] === 1 ? slot.values[r] : undefined;
  const raw = (slot.raw as unknown[])[r];
  if (raw === null || raw === undefined) return undefined;
  return typeof raw === 'number' ? raw : toHistoryValue(raw);
}

/**
 * A row group's decoded columns. `steps` holds each row's `_step` (NaN where it is null: such rows
 * are skipped), checked ascending; `rows(from, to)` makes the history rows of a slice: Parquet
 * nulls left out, dotted column names nested again.
 */
export class DecodedGroup {
  /** `_step` of each row of the group, NaN for a null `_step`. */
  readonly steps: Float64Array;
  private readonly slots: Slot[] = [];
  /** Every column a number column under a plain name: rows are made by the tight loop. */
  private readonly flat: boolean;
  /** Every row has a `_step`, one row per step, ascending: any slice can be a batch as it is. */
  private readonly strict: boolean;

  constructor(data: Map<string, ColumnData>, file: string) {
    const raw = data.get('_step') as ColumnData;
    this.steps = Array.isArray(raw) ? Float64Array.from(raw, (v) => toStep(v) ?? NaN) : floatSteps(raw);
    let previous = -Infinity;
    let strict = true;
    for (const step of this.steps) {
      if (Number.isNaN(step)) {
        strict = false;
        continue;
      }
      if (step <= previous) strict = false;
      if (step < previous) {
        throw new ParquetHistoryFormatError(`${file}: _step is not ascending (${step} after ${previous})`, {
          column: '_step',
        });
      }
      previous = step;
    }
    this.strict = strict;
    for (const [name, values] of data) if (name !== '_step') this.slots.push(slotOf(name, values));
    this.flat = this.slots.every((s) => s.values !== null && s.path === null);
  }

  /** The history rows of positions `[from, to)`. */
  rows(from: number, to: number): HistoryRow[] {
    if (this.flat) return this.flatRows(from, to);
    const rows: HistoryRow[] = [];
    const { slots, steps } = this;
    for (let r = from; r < to; r++) {
      const step = steps[r] as number;
      if (Number.isNaN(step)) continue;
      const row: HistoryRow = { _step: step };
      for (const slot of slots) {
        const value = valueAt(slot, r);
        if (value === undefined) continue;
        if (slot.path === null) row[slot.key] = value;
        else setPath(row, slot.path, value);
      }
      rows.push(row);
    }
    return rows;
  }

  /**
   * {@link rows} when every column holds numbers under a plain name (W&B's common case). A row
   * with every column is a copy of one template (the same keys in the same order, made at its
   * full size at once), then its values; a row with nulls gets its keys one by one.
   */
  private flatRows(from: number, to: number): HistoryRow[] {
    const { slots, steps } = this;
    const keys = slots.map((s) => s.key);
    const values = slots.map((s) => s.values as Float64Array);
    const present = slots.map((s) => s.present);
    const template: HistoryRow = { _step: 0 };
    for (const key of keys) template[key] = 0;
    const rows: HistoryRow[] = [];
    for (let r = from; r < to; r++) {
      const step = steps[r] as number;
      if (Number.isNaN(step)) continue;
      let full = true;
      for (let s = 0; s < keys.length && full; s++) full = (present[s] as Uint8Array)[r] === 1;
      let row: HistoryRow;
      if (full) {
        row = { ...template };
        row['_step'] = step;
        for (let s = 0; s < keys.length; s++) row[keys[s] as string] = (values[s] as Float64Array)[r];
      } else {
        row = { _step: step };
        for (let s = 0; s < keys.length; s++) {
          if ((present[s] as Uint8Array)[r] === 1) row[keys[s] as string] = (values[s] as Float64Array)[r];
        }
      }
      rows.push(row);
    }
    return rows;
  }

  /**
   * The rows of positions `[from, to)` under the keyed-scan rule ({@link keepKeys}): only rows
   * having every key of `keysWithStep`, each with those keys alone, in that order.
   */
  keyedRows(from: number, to: number, keysWithStep: readonly string[]): HistoryRow[] {
    const direct = directSlots(this.slots, keysWithStep);
    if (!direct) return keepKeys(this.rows(from, to), keysWithStep);
    const rows: HistoryRow[] = [];
    const values: unknown[] = new Array<unknown>(direct.length);
    rows: for (let r = from; r < to; r++) {
      const step = this.steps[r] as number;
      if (Number.isNaN(step)) continue;
      for (let k = 0; k < direct.length; k++) {
        const slot = direct[k] as Slot | null;
        const value = slot === null ? step : valueAt(slot, r);
        if (value === undefined) continue rows;
        values[k] = value;
      }
      const row: HistoryRow = {};
      for (let k = 0; k < direct.length; k++) row[keysWithStep[k] as string] = values[k];
      rows.push(row);
    }
    return rows;
  }

  /**
   * The rows of positions `[from, to)` as one {@link HistoryBatch} made from the decoded columns
   * without making rows, when it holds exactly the rows that {@link rows} (or {@link keyedRows},
   * given `keysWithStep`) would make: every column concerned numbers under a plain name, and one
   * row per step, ascending. Else null, and the caller makes rows.
   */
  batch(from: number, to: number, keysWithStep?: readonly string[]): HistoryBatch | null {
    if (!this.strict) return null;
    return keysWithStep ? this.keyedBatch(from, to, keysWithStep) : this.fullBatch(from, to);
  }

  /** {@link batch} of a scan of every key: the columns a row of the slice has, in order of first use. */
  private fullBatch(from: number, to: number): HistoryBatch | null {
    if (!this.flat) return null;
    const used: { slot: Slot; first: number; all: boolean }[] = [];
    for (const slot of this.slots) {
      const first = indexIn(slot.present, 1, from, to);
      if (first >= 0) used.push({ slot, first, all: indexIn(slot.present, 0, from, to) < 0 });
    }
    // Rows list their keys in column order; a key first met in a later row comes later.
    used.sort((a, b) => a.first - b.first);
    // Views of the decoded columns, not copies: a group is decoded for one scan and never changed.
    const columns: Record<string, HistoryColumn> = { _step: this.steps.subarray(from, to) };
    const present: Record<string, Uint8Array> = {};
    for (const { slot, all } of used) {
      columns[slot.key] = (slot.values as Float64Array).subarray(from, to);
      if (!all) present[slot.key] = slot.present.subarray(from, to);
    }
    return { length: to - from, columns, present };
  }

  /** {@link batch} of a keyed scan: the rows having every key, with those keys alone. */
  private keyedBatch(from: number, to: number, keysWithStep: readonly string[]): HistoryBatch | null {
    const direct = directSlots(this.slots, keysWithStep);
    if (!direct || direct.some((slot) => slot !== null && slot.values === null)) return null;
    const slots = direct.filter((slot): slot is Slot => slot !== null);
    let kept: Int32Array | null = null; // the rows kept, when some are dropped
    if (slots.some((slot) => indexIn(slot.present, 0, from, to) >= 0)) {
      const rows: number[] = [];
      next: for (let r = from; r < to; r++) {
        for (const slot of slots) if (slot.present[r] !== 1) continue next;
        rows.push(r);
      }
      kept = Int32Array.from(rows);
    }
    const take = (values: Float64Array): Float64Array => {
      if (kept === null) return values.subarray(from, to);
      const out = new Float64Array(kept.length);
      for (let k = 0; k < kept.length; k++) out[k] = values[kept[k] as number] as number;
      return out;
    };
    const columns: Record<string, HistoryColumn> = { _step: take(this.steps) };
    keysWithStep.forEach((key, k) => {
      const slot = direct[k];
      if (slot) columns[key] = take(slot.values as Float64Array);
    });
    return { length: kept === null ? to - from : kept.length, columns, present: {} };
  }
}

/** The first position of `value` in `[from, to)` of a mask, or -1 (the typed array's own search). */
function indexIn(mask: Uint8Array, value: 0 | 1, from: number, to: number): number {
  const at = mask.subarray(from, to).indexOf(value);
  return at < 0 ? -1 : from + at;
}

/**
 * The slot of each key of a keyed scan (`null` for `_step`) when every key is one plain,
 * undotted column with nothing nested under it, so rows can be made with those keys alone;
 * else `undefined`.
 */
function directSlots(slots: readonly Slot[], keysWithStep: readonly string[]): (Slot | null)[] | undefined {
  const out: (Slot | null)[] = [];
  for (const key of keysWithStep) {
    if (key === '_step') {
      out.push(null);
      continue;
    }
    if (key.includes('.')) return undefined;
    const slot = slots.find((s) => s.path === null && s.key === key);
    if (!slot || slots.some((s) => s.path !== null && s.key === key)) return undefined;
    out.push(slot);
  }
  return out;
}

/** Sets `value` at a dotted path, making dicts on the way (a non-dict already there wins). */
function setPath(row: HistoryRow, path: readonly string[], value: unknown): void {
  let target: Record<string, unknown> = row;
  for (let i = 0; i < path.length - 1; i++) {
    const part = path[i] as string;
    const next: unknown = target[part];
    if (next === undefined) target = target[part] = {};
    else if (next !== null && typeof next === 'object' && !Array.isArray(next))
      target = next as Record<string, unknown>;
    else return;
  }
  target[path[path.length - 1] as string] = value;
}
