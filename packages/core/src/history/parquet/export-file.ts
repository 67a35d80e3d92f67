import {
  parquetMetadata,
  parquetRead,
  parquetSchema,
  type Compressors,
  type FileMetaData,
  type SchemaTree,
} from 'hyparquet';
import type { HistoryRow } from '../history';
import { WandbError } from '../../errors/wandb-error';
import { decompressorsFor } from './codecs';
import { ParquetHistoryFormatError } from './parquet-history-format-error';
import { checkColumnType, toHistoryValue } from './column-values';
import { keepKeys } from './merge-rows';
import { RangeFile, type RangeFileOptions } from './range-file';

/** One row group of an export file and the `_step` range its statistics give. */
export interface ExportRowGroup {
  /** Index in the file. */
  index: number;
  /** Index of its first row in the file. */
  rowStart: number;
  /** Rows in the group. */
  rowCount: number;
  /** Smallest `_step` (−Infinity when the statistics do not say). */
  minStep: number;
  /** Largest `_step` (+Infinity when the statistics do not say). */
  maxStep: number;
}

const MAGIC = 0x31524150; // "PAR1", little-endian

function toStep(value: unknown): number | null {
  // `+ 0` turns the -0.0 that writers put in float statistics into 0.
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) + 0 : null;
  if (typeof value === 'bigint') return Number(value);
  return null;
}

function describe(url: string, index: number): string {
  return `history export file ${index} (${new URL(url).pathname})`;
}

/**
 * One Parquet history export opened over HTTP Range: its footer (read with two small ranged
 * requests), the top-level columns, and the `_step` range of every row group. Rows are decoded
 * one row group at a time for the columns asked, so a keyed scan fetches only those column chunks.
 */
export class ExportFile {
  private constructor(
    /** Byte reader of the file. */
    readonly source: RangeFile,
    /** Position of the file in the `parquetUrls` it came from. */
    readonly position: number,
    private readonly metadata: FileMetaData,
    private readonly compressors: Compressors | undefined,
    /** Top-level columns by name. */
    readonly columns: ReadonlyMap<string, SchemaTree>,
    /** Row groups with their `_step` ranges. */
    readonly groups: readonly ExportRowGroup[],
  ) {}

  /** Opens the file at `url`: its size, then its footer. */
  static async open(url: string, position: number, options: RangeFileOptions): Promise<ExportFile> {
    const source = await RangeFile.open(url, options);
    const name = describe(url, position);
    const size = source.byteLength;
    if (size < 12) throw new ParquetHistoryFormatError(`${name} is ${size} bytes long: not a Parquet file`);
    const tail = new DataView(await source.slice(size - 8, size));
    const footerLength = tail.getUint32(0, true);
    if (tail.getUint32(4, true) !== MAGIC || footerLength + 12 > size) {
      throw new ParquetHistoryFormatError(`${name} is not a Parquet file (or it is truncated)`);
    }
    const footer = await source.slice(size - 8 - footerLength, size);
    let metadata: FileMetaData;
    try {
      metadata = parquetMetadata(footer);
    } catch (error) {
      throw new ParquetHistoryFormatError(`${name} has a corrupt footer`, { cause: error });
    }
    const tree = parquetSchema(metadata);
    const columns = new Map(tree.children.map((c) => [c.element.name, c]));
    const step = columns.get('_step');
    if (columns.size > 0 && (!step || step.children.length > 0)) {
      throw new ParquetHistoryFormatError(`${name} has no top-level _step column`, { column: '_step' });
    }
    if (step) checkColumnType(step, '_step');
    const stepIndex = tree.children.findIndex((c) => c.element.name === '_step');
    let rowStart = 0;
    const groups: ExportRowGroup[] = metadata.row_groups.map((group, index) => {
      const stats = step ? group.columns[stepIndex]?.meta_data?.statistics : undefined;
      const min = toStep(stats?.min_value ?? stats?.min);
      const max = toStep(stats?.max_value ?? stats?.max);
      const rowCount = Number(group.num_rows);
      const out = { index, rowStart, rowCount, minStep: min ?? -Infinity, maxStep: max ?? Infinity };
      rowStart += rowCount;
      return out;
    });
    for (let i = 1; i < groups.length; i++) {
      const { minStep } = groups[i] as ExportRowGroup;
      const { maxStep } = groups[i - 1] as ExportRowGroup;
      if (Number.isFinite(minStep) && Number.isFinite(maxStep) && minStep < maxStep) {
        throw new ParquetHistoryFormatError(
          `${name}: _step is not ascending (row group ${i} starts below the one before)`,
          {
            column: '_step',
          },
        );
      }
    }
    const compressors = await decompressorsFor(metadata, name);
    return new ExportFile(
      source,
      position,
      metadata,
      compressors,
      columns,
      groups.filter((g) => g.rowCount > 0),
    );
  }

  /** The columns to read for `keys` (all without keys): `_step`, each key `k` and every `k.*` column. */
  projection(keys: readonly string[] | undefined): string[] {
    const names = [...this.columns.keys()];
    if (!keys) return names;
    return names.filter((n) => n === '_step' || keys.some((k) => n === k || n.startsWith(`${k}.`)));
  }

  /**
   * The rows of one row group as history rows (dotted names nested again, Parquet nulls left out),
   * ascending by `_step`; rows whose `_step` is null are skipped.
   */
  async readGroup(group: ExportRowGroup, columns: readonly string[]): Promise<HistoryRow[]> {
    const decoded = await this.decodeGroup(group, columns);
    return decoded.rows(0, decoded.steps.length);
  }

  /**
   * One row group decoded for `columns`, kept as columns: rows are made only when asked for
   * (page by page), so they live as briefly as the page path's parsed rows.
   */
  async decodeGroup(group: ExportRowGroup, columns: readonly string[]): Promise<DecodedGroup> {
    for (const column of columns) checkColumnType(this.columns.get(column) as SchemaTree, column);
    // Columns are collected whole and rows built once from them: hyparquet's row objects would be
    // garbage made only to be copied. Flat float columns (most of a history) go into a
    // Float64Array with a presence mask, so a decoded group held over several pages is a few flat
    // buffers rather than one boxed number per value for the garbage collector to trace and copy.
    const data = new Map<string, ColumnData>(
      columns.map((c) => [
        c,
        isFlatFloat(this.columns.get(c) as SchemaTree)
          ? { values: new Float64Array(group.rowCount), present: new Uint8Array(group.rowCount) }
          : new Array<unknown>(group.rowCount),
      ]),
    );
    try {
      await parquetRead({
        file: this.source,
        metadata: this.metadata,
        columns: [...columns],
        rowStart: group.rowStart,
        rowEnd: group.rowStart + group.rowCount,
        utf8: false,
        ...(this.compressors ? { compressors: this.compressors } : {}),
        onChunk: ({ columnName, columnData, rowStart }) => {
          const target = data.get(columnName) as ColumnData;
          const offset = rowStart - group.rowStart;
          const from = Math.max(0, -offset);
          const to = Math.min(columnData.length, group.rowCount - offset);
          if (Array.isArray(target)) {
            for (let i = from; i < to; i++) target[offset + i] = columnData[i];
            return;
          }
          const { values, present } = target;
          for (let i = from; i < to; i++) {
            const value = columnData[i];
            if (typeof value !== 'number') continue; // a Parquet null
            values[offset + i] = value;
            present[offset + i] = 1;
          }
        },
      });
    } catch (error) {
      // Ours (a refused URL, a bad column) and aborts pass; anything hyparquet throws is a bad file.
      if (error instanceof WandbError || (error as { name?: unknown }).name === 'AbortError') throw error;
      if (this.source.signal?.aborted) throw error; // stopped with a reason of the caller's

      throw new ParquetHistoryFormatError(
        `${describe(this.source.url, this.position)}: row group ${group.index} could not be decoded (${(error as Error).message})`,
        { cause: error },
      );
    }
    return new DecodedGroup(data, describe(this.source.url, this.position));
  }
}

/** A flat float column: its values, and 1 where a row has one (0 for a Parquet null). */
interface FloatColumn {
  values: Float64Array;
  present: Uint8Array;
}

/** A decoded column: flat floats, or anything else as hyparquet gives it. */
type ColumnData = FloatColumn | unknown[];

/** A column without children holding FLOAT or DOUBLE with no logical type (numbers or nulls only). */
function isFlatFloat(node: SchemaTree): boolean {
  const { element } = node;
  return (
    node.children.length === 0 &&
    (element.type === 'DOUBLE' || element.type === 'FLOAT') &&
    element.repetition_type !== 'REPEATED' &&
    element.converted_type === undefined &&
    element.logical_type === undefined
  );
}

/** One column's values and where they go in a row. */
interface ColumnSlot {
  data: ColumnData;
  /** The column name, or its dotted path split. */
  path: string | string[];
}

/** The history value of row `r` of a column, `undefined` when the row has none. */
function valueAt(data: ColumnData, r: number): unknown {
  if (!Array.isArray(data)) return data.present[r] === 1 ? data.values[r] : undefined;
  const raw = data[r];
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
  private readonly slots: ColumnSlot[] = [];

  constructor(data: Map<string, ColumnData>, file: string) {
    const raw = data.get('_step') as ColumnData;
    const length = Array.isArray(raw) ? raw.length : raw.values.length;
    this.steps = new Float64Array(length);
    let previous = -Infinity;
    for (let r = 0; r < length; r++) {
      const step = toStep(Array.isArray(raw) ? raw[r] : raw.present[r] === 1 ? raw.values[r] : null);
      this.steps[r] = step ?? NaN;
      if (step === null) continue;
      if (step < previous) {
        throw new ParquetHistoryFormatError(`${file}: _step is not ascending (${step} after ${previous})`, {
          column: '_step',
        });
      }
      previous = step;
    }
    for (const [name, values] of data) {
      if (name !== '_step')
        this.slots.push({ data: values, path: name.includes('.') ? name.split('.') : name });
    }
  }

  /** The history rows of positions `[from, to)`. */
  rows(from: number, to: number): HistoryRow[] {
    const rows: HistoryRow[] = [];
    for (let r = from; r < to; r++) {
      const step = this.steps[r] as number;
      if (Number.isNaN(step)) continue;
      const row: HistoryRow = { _step: step };
      for (const slot of this.slots) {
        const value = valueAt(slot.data, r);
        if (value === undefined) continue;
        if (typeof slot.path === 'string') row[slot.path] = value;
        else setPath(row, slot.path, value);
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
        const slot = direct[k] as ColumnSlot | null;
        const value = slot === null ? step : valueAt(slot.data, r);
        if (value === undefined) continue rows;
        values[k] = value;
      }
      const row: HistoryRow = {};
      for (let k = 0; k < direct.length; k++) row[keysWithStep[k] as string] = values[k];
      rows.push(row);
    }
    return rows;
  }
}

/**
 * The slot of each key of a keyed scan (`null` for `_step`) when every key is one plain,
 * undotted column with nothing nested under it, so rows can be made with those keys alone;
 * else `undefined`.
 */
function directSlots(
  slots: readonly ColumnSlot[],
  keysWithStep: readonly string[],
): (ColumnSlot | null)[] | undefined {
  const out: (ColumnSlot | null)[] = [];
  for (const key of keysWithStep) {
    if (key === '_step') {
      out.push(null);
      continue;
    }
    if (key.includes('.')) return undefined;
    const slot = slots.find((s) => s.path === key);
    if (!slot || slots.some((s) => typeof s.path !== 'string' && s.path[0] === key)) return undefined;
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
