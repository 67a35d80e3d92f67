import { SORT_KEY_PREFIX } from './compile-page';
import type { CursorPosition } from './cursor';
import type { SortPlan } from './order';

/** A sort key value as SQLite returns it. */
export type SortValue = number | string | null;

/** A run's place in a listing: its sort keys, created_at and id. */
export interface Position {
  readonly keys: readonly SortValue[];
  readonly createdAt: string;
  readonly id: number;
}

/** Text in SQLite's BINARY order (UTF-8 bytes, i.e. code points), not JS's UTF-16 order. */
function compareText(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === n) return a.length < b.length ? -1 : 1;
  const lift = (unit: number): number => (unit >= 0xd800 && unit <= 0xdfff ? unit + 0x10000 : unit);
  return lift(a.charCodeAt(i)) < lift(b.charCodeAt(i)) ? -1 : 1;
}

/** SQLite's order of values: NULL, then numbers, then text. */
export function compareValues(a: SortValue, b: SortValue): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return compareText(a, b);
}

/**
 * The matching runs of one listing in final order, as parallel arrays (compact for 100k runs).
 * `compare` is the listing order of compileRunPage: runs missing the value last, then the keys,
 * created_at and id in the order's direction.
 */
export class SortedPositions {
  readonly ids: number[] = [];
  readonly createdAt: string[] = [];
  /** `keys[i][row]`: sort key i of each row. */
  readonly keys: SortValue[][];

  constructor(private readonly plan: SortPlan) {
    this.keys = plan.keys.map(() => []);
  }

  /** Number of runs. */
  get length(): number {
    return this.ids.length;
  }

  /** Appends a row `[id, created_at, ...keys]` already in order (from the positions query). */
  push(row: readonly unknown[]): void {
    this.ids.push(row[0] as number);
    this.createdAt.push(row[1] as string);
    for (let i = 0; i < this.keys.length; i++) (this.keys[i] as SortValue[]).push(row[i + 2] as SortValue);
  }

  /** Inserts a row `[id, created_at, ...keys]` at its place in the order. */
  insert(row: readonly unknown[]): void {
    const position: Position = {
      id: row[0] as number,
      createdAt: row[1] as string,
      keys: row.slice(2) as SortValue[],
    };
    const at = this.indexAfter(position);
    this.ids.splice(at, 0, position.id);
    this.createdAt.splice(at, 0, position.createdAt);
    this.keys.forEach((column, i) => column.splice(at, 0, position.keys[i] as SortValue));
  }

  /** Removes the runs with these ids (those present). */
  remove(ids: readonly number[]): void {
    const drop = (at: number): void => {
      this.ids.splice(at, 1);
      this.createdAt.splice(at, 1);
      for (const column of this.keys) column.splice(at, 1);
    };
    if (ids.length <= 64) {
      for (const id of ids) {
        const at = this.ids.indexOf(id);
        if (at >= 0) drop(at);
      }
      return;
    }
    const gone = new Set(ids);
    let kept = 0;
    for (let row = 0; row < this.ids.length; row++) {
      if (gone.has(this.ids[row] as number)) continue;
      this.ids[kept] = this.ids[row] as number;
      this.createdAt[kept] = this.createdAt[row] as string;
      for (const column of this.keys) column[kept] = column[row] as SortValue;
      kept++;
    }
    this.ids.length = kept;
    this.createdAt.length = kept;
    for (const column of this.keys) column.length = kept;
  }

  /** Index of the first run strictly after `position` (binary search, never an offset). */
  indexAfter(position: Position | CursorPosition): number {
    let low = 0;
    let high = this.ids.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.compareAt(mid, position) <= 0) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** The row's `_sort_<i>` columns plus `created_at` and `id`, for cursors. */
  sortColumns(row: number): Record<string, unknown> {
    const columns: Record<string, unknown> = { id: this.ids[row], created_at: this.createdAt[row] };
    this.keys.forEach((column, i) => (columns[`${SORT_KEY_PREFIX}${i}`] = column[row]));
    return columns;
  }

  /** Order of row `row` against a position: negative when the row comes first. */
  private compareAt(row: number, position: Position | CursorPosition): number {
    const { nullable, descending } = this.plan;
    const sign = descending ? -1 : 1;
    if (nullable) {
      const rowMissing = (this.keys[0] as SortValue[])[row] === null;
      const positionMissing = position.keys[0] === null;
      if (rowMissing !== positionMissing) return rowMissing ? 1 : -1;
      if (!rowMissing) {
        const byKeys = this.compareKeys(row, position);
        if (byKeys !== 0) return sign * byKeys;
      }
    } else {
      const byKeys = this.compareKeys(row, position);
      if (byKeys !== 0) return sign * byKeys;
    }
    const byCreated = compareText(this.createdAt[row] as string, position.createdAt);
    if (byCreated !== 0) return sign * byCreated;
    const id = this.ids[row] as number;
    return id === position.id ? 0 : sign * (id < position.id ? -1 : 1);
  }

  private compareKeys(row: number, position: Position | CursorPosition): number {
    for (let i = 0; i < this.keys.length; i++) {
      const c = compareValues((this.keys[i] as SortValue[])[row] as SortValue, position.keys[i] ?? null);
      if (c !== 0) return c;
    }
    return 0;
  }
}
