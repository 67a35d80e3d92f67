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
import { checkColumnType } from './column-values';
import { DecodedGroup, type ColumnData } from './decoded-group';
import { toStep } from './step-value';
import { RangeFile, type RangeFileOptions } from './range-file';
import { readFlatColumns, type FlatChunkJob } from './flat/flat-columns';
import { flatColumnSpec } from './flat/flat-spec';

/** Index of each top-level leaf column (a path of one name) among a row group's column chunks. */
function leafIndex(metadata: FileMetaData): Map<string, number> {
  const out = new Map<string, number>();
  metadata.row_groups[0]?.columns.forEach((chunk, i) => {
    const path = chunk.meta_data?.path_in_schema;
    if (path?.length === 1) out.set(path[0] as string, i);
  });
  return out;
}

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
    /** Index in a row group's column chunks of each top-level column without children. */
    private readonly leafIndex: ReadonlyMap<string, number>,
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
      leafIndex(metadata),
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
   * (page by page), so they live as briefly as the page path's parsed rows. Flat number columns
   * (W&B's common case) go through the flat decoder straight into Float64Arrays; the others (and
   * everything with `flat: false`) through hyparquet.
   */
  async decodeGroup(
    group: ExportRowGroup,
    columns: readonly string[],
    options: { flat?: boolean } = {},
  ): Promise<DecodedGroup> {
    for (const column of columns) checkColumnType(this.columns.get(column) as SchemaTree, column);
    const chunks = this.metadata.row_groups[group.index]?.columns;
    const jobs: FlatChunkJob[] = [];
    const rest: string[] = [];
    // Filled in `columns` order whatever decodes them: the order of the keys in a row.
    const data = new Map<string, ColumnData>(columns.map((c) => [c, []]));
    for (const name of columns) {
      const meta = chunks?.[this.leafIndex.get(name) ?? -1]?.meta_data;
      const spec = options.flat === false ? null : flatColumnSpec(this.columns.get(name) as SchemaTree, meta);
      if (spec && meta) jobs.push({ name, spec, meta });
      else rest.push(name);
    }
    const where = `${describe(this.source.url, this.position)}: row group ${group.index}`;
    try {
      const [left] = await Promise.all([
        jobs.length > 0 ? readFlatColumns(this.source, jobs, group.rowCount, data, where) : [],
        rest.length > 0 ? this.readWithHyparquet(group, rest, data) : undefined,
      ]);
      if (left.length > 0) await this.readWithHyparquet(group, left, data);
    } catch (error) {
      // Ours (a refused URL, a bad column) and aborts pass; anything hyparquet throws is a bad file.
      if (error instanceof WandbError || (error as { name?: unknown }).name === 'AbortError') throw error;
      if (this.source.signal?.aborted) throw error; // stopped with a reason of the caller's

      throw new ParquetHistoryFormatError(`${where} could not be decoded (${(error as Error).message})`, {
        cause: error,
      });
    }
    return new DecodedGroup(data, describe(this.source.url, this.position));
  }

  /** Decodes `columns` of a row group with hyparquet into `data`. */
  private async readWithHyparquet(
    group: ExportRowGroup,
    columns: readonly string[],
    data: Map<string, ColumnData>,
  ): Promise<void> {
    // Columns are collected whole and rows built once from them: hyparquet's row objects would be
    // garbage made only to be copied. Flat float columns go into a Float64Array with a presence
    // mask, so a decoded group held over several pages is a few flat buffers rather than one
    // boxed number per value for the garbage collector to trace and copy.
    for (const c of columns) {
      data.set(
        c,
        isFlatFloat(this.columns.get(c) as SchemaTree)
          ? { values: new Float64Array(group.rowCount), present: new Uint8Array(group.rowCount) }
          : new Array<unknown>(group.rowCount),
      );
    }
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
  }
}

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
