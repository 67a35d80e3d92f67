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
    // garbage made only to be copied.
    const data = new Map<string, unknown[]>(columns.map((c) => [c, new Array<unknown>(group.rowCount)]));
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
          const target = data.get(columnName) as unknown[];
          const offset = rowStart - group.rowStart;
          const from = Math.max(0, -offset);
          const to = Math.min(columnData.length, group.rowCount - offset);
          for (let i = from; i < to; i++) target[offset + i] = columnData[i];
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

/** One column's values and where they go in a row. */
interface ColumnSlot {
  values: unknown[];
  /** The column name, or its dotted path split. */
  path: string | string[];
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

  constructor(data: Map<string, unknown[]>, file: string) {
    const raw = data.get('_step') as unknown[];
    this.steps = new Float64Array(raw.length);
    let previous = -Infinity;
    for (let r = 0; r < raw.length; r++) {
      const step = toStep(raw[r]);
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
      if (name !== '_step') this.slots.push({ values, path: name.includes('.') ? name.split('.') : name });
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
        const raw = slot.values[r];
        if (raw === null || raw === undefined) continue;
        const value = typeof raw === 'number' ? raw : toHistoryValue(raw);
        if (value === undefined) continue;
        if (typeof slot.path === 'string') row[slot.path] = value;
        else setPath(row, slot.path, value);
      }
      rows.push(row);
    }
    return rows;
  }
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
