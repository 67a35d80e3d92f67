import { statSync } from 'node:fs';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { ParquetWriter, fileWriter, type SchemaElement } from 'hyparquet-writer';
import type { ColumnKind } from './column-kinds';
import { rowColumns } from './column-kinds';
import type { ResolvedExportOptions } from './export-options';
import { schemaElements, toParquetValue } from './parquet-columns';

/** One column of an export file. */
export interface ExportColumn {
  /** Column name (a dotted path with dotted nesting). */
  name: string;
  /** How its values are stored. */
  kind: ColumnKind;
}

/** What {@link writeExportFile} wrote. */
export interface WrittenExportFile {
  rows: number;
  minStep: number | null;
  maxStep: number | null;
  sizeBytes: number;
}

const CREATED_BY = 'wbapi-server (hyparquet-writer)';

/** GZIP and BROTLI through node:zlib (hyparquet-writer brings SNAPPY itself). */
const COMPRESSORS = {
  GZIP: (input: Uint8Array) => new Uint8Array(gzipSync(input)),
  BROTLI: (input: Uint8Array) => new Uint8Array(brotliCompressSync(input)),
};

/**
 * Writes history rows (ascending `_step`) to a Parquet file: `_step` first and non-null, then
 * `columns`, in row groups of `rowGroupSize` rows, each with min/max statistics. Rows are taken
 * one row group at a time, so memory stays flat whatever the run's length.
 */
export function writeExportFile(
  path: string,
  rows: Iterable<Record<string, unknown>>,
  columns: readonly ExportColumn[],
  options: ResolvedExportOptions,
): WrittenExportFile {
  const stepTypes = { double: 'DOUBLE', int64: 'INT64', int32: 'INT32' } as const;
  const step: SchemaElement = {
    name: '_step',
    type: stepTypes[options.stepType],
    repetition_type: 'REQUIRED',
  };
  const schema: SchemaElement[] = [
    { name: 'schema', num_children: columns.length + 1 },
    step,
    ...columns.flatMap((c) => schemaElements(c.name, c.kind)),
  ];
  const writer = new ParquetWriter({
    writer: fileWriter(path),
    schema,
    codec: options.codec,
    compressors: COMPRESSORS,
    statistics: options.statistics,
    createdBy: CREATED_BY,
    kvMetadata: [{ key: 'wandb-compacted', value: 'true' }],
  });
  const index = new Map(columns.map((c, i) => [c.name, i]));
  let steps: unknown[] = [];
  let data: unknown[][] = columns.map(() => []);
  let total = 0;
  let minStep: number | null = null;
  let maxStep: number | null = null;
  const flush = (): void => {
    if (steps.length === 0) return;
    const columnData = [
      { name: '_step', data: steps },
      ...columns.map((c, i) => ({ name: c.name, data: data[i] as unknown[] })),
    ];
    void writer.write({ columnData: columnData as never, rowGroupSize: steps.length });
    steps = [];
    data = columns.map(() => []);
  };
  for (const row of rows) {
    const value = row._step as number;
    minStep ??= value;
    maxStep = value;
    const slot = steps.length;
    steps.push(options.stepType === 'int64' ? BigInt(value) : value);
    for (const d of data) d.push(null);
    for (const [name, v] of rowColumns(row, options.nesting)) {
      const i = index.get(name);
      if (i !== undefined)
        (data[i] as unknown[])[slot] = toParquetValue(v, (columns[i] as ExportColumn).kind);
    }
    total += 1;
    if (steps.length >= options.rowGroupSize) flush();
  }
  flush();
  void writer.finish();
  return { rows: total, minStep, maxStep, sizeBytes: statSync(path).size };
}
