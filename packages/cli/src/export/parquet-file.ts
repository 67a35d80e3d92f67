import { rename, rm, stat } from 'node:fs/promises';
import { stringifyWandbJson } from '@wbapi/node';
import type { SchemaElement } from 'hyparquet-writer';
import { ParquetColumnPlanner, forEachLeaf, pathKey, type ParquetColumn } from './parquet-columns';

/** Rows per row group. */
const ROW_GROUP_ROWS = 10_000;

/** The combined file's run id column. */
export const RUN_ID_COLUMN = 'run_id';

/** Key-value metadata key listing every column's name, path and kind (JSON). */
export const COLUMNS_METADATA_KEY = 'wbapi.columns';

/** One run's history rows, as a Parquet export takes them. */
export interface ParquetRunRows {
  /** The run id, written to the `run_id` column of a combined file. */
  id: string;
  /** Its history rows. */
  rows: readonly Record<string, unknown>[];
}

/** How {@link writeParquetExport} writes. */
export interface ParquetExportOptions {
  /** Add a `run_id` column first (a combined file of several runs). */
  runIdColumn: boolean;
  /** Key-value metadata besides the column list (e.g. the run's record), asked for after the first pass. */
  metadata: () => Record<string, string>;
}

function schemaElement(column: ParquetColumn): SchemaElement {
  const base = { name: column.name, repetition_type: 'OPTIONAL' } as const;
  switch (column.kind) {
    case 'int64':
      return { ...base, type: 'INT64' };
    case 'double':
      return { ...base, type: 'DOUBLE' };
    case 'boolean':
      return { ...base, type: 'BOOLEAN' };
    default:
      // Plain UTF8 strings (never large_string), which DuckDB, pandas and polars all read.
      return { ...base, type: 'BYTE_ARRAY', converted_type: 'UTF8' };
  }
}

function cell(value: unknown, column: ParquetColumn): unknown {
  if (column.kind === 'int64') return BigInt(value as number);
  if (column.kind === 'json') return stringifyWandbJson(value);
  return value;
}

/**
 * Writes history rows to the Parquet file `target`: to `target.tmp-<pid>` first, renamed over
 * `target` once complete, so a failure leaves no partial file (the temporary one is deleted).
 * `runs` is called twice: once to choose the columns, once to write the rows, one row group at a
 * time. Returns the file's size in bytes.
 *
 * @example
 * ```ts
 * await writeParquetExport('run.parquet', () => [{ id: 'abc', rows }], { runIdColumn: false, metadata: () => ({}) });
 * ```
 */
export async function writeParquetExport(
  target: string,
  runs: () => Iterable<ParquetRunRows>,
  options: ParquetExportOptions,
): Promise<number> {
  // Loaded only when a Parquet export is asked for.
  const { ParquetWriter, fileWriter } = await import('hyparquet-writer');
  const planner = new ParquetColumnPlanner();
  for (const run of runs()) for (const row of run.rows) planner.add(row);
  const columns = planner.columns(options.runIdColumn ? [RUN_ID_COLUMN] : []);
  const runId: SchemaElement[] = options.runIdColumn
    ? [{ name: RUN_ID_COLUMN, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' }]
    : [];
  const schema: SchemaElement[] = [
    { name: 'schema', num_children: runId.length + columns.length },
    ...runId,
    ...columns.map(schemaElement),
  ];
  const kvMetadata = [
    ...Object.entries(options.metadata()).map(([key, value]) => ({ key, value })),
    { key: COLUMNS_METADATA_KEY, value: JSON.stringify(columns) },
  ];
  const index = new Map(columns.map((column, i) => [pathKey(column.path), i]));
  const temp = `${target}.tmp-${process.pid}`;
  try {
    const writer = new ParquetWriter({
      writer: fileWriter(temp),
      schema,
      kvMetadata,
      createdBy: 'wbapi (hyparquet-writer)',
    });
    let ids: string[] = [];
    let data: unknown[][] = columns.map(() => []);
    let count = 0;
    const flush = async (): Promise<void> => {
      if (count === 0) return;
      const columnData = [
        ...(options.runIdColumn ? [{ name: RUN_ID_COLUMN, data: ids }] : []),
        ...columns.map((column, i) => ({ name: column.name, data: data[i] as unknown[] })),
      ];
      await writer.write({ columnData: columnData as never, rowGroupSize: count });
      ids = [];
      data = columns.map(() => []);
      count = 0;
    };
    for (const run of runs()) {
      for (const row of run.rows) {
        for (const values of data) values.push(null);
        forEachLeaf(row, (path, value) => {
          const i = index.get(pathKey(path)) as number;
          (data[i] as unknown[])[count] = cell(value, columns[i] as ParquetColumn);
        });
        if (options.runIdColumn) ids.push(run.id);
        count += 1;
        if (count >= ROW_GROUP_ROWS) await flush();
      }
    }
    await flush();
    await writer.finish();
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return (await stat(target)).size;
}
