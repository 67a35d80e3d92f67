import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { parseWandbJson } from '@wbapi/node';

let connection: Promise<DuckDBConnection> | undefined;

/** One in-memory DuckDB connection for the test file. */
function duck(): Promise<DuckDBConnection> {
  connection ??= DuckDBInstance.create(':memory:').then((db) => db.connect());
  return connection;
}

/** A SQL string literal. */
const literal = (text: string): string => `'${text.replaceAll("'", "''")}'`;

/** Every row of a query, as JS values (BIGINT as bigint). */
export async function duckQuery(sql: string): Promise<Record<string, unknown>[]> {
  const reader = await (await duck()).runAndReadAll(sql);
  return reader.getRowObjectsJS() as Record<string, unknown>[];
}

/** A Parquet file's key-value metadata, read by DuckDB. */
export async function duckMetadata(file: string): Promise<Record<string, string>> {
  const rows = await duckQuery(
    `SELECT decode(key) AS k, decode(value) AS v FROM parquet_kv_metadata(${literal(file)})`,
  );
  return Object.fromEntries(rows.map((row) => [row.k as string, row.v as string]));
}

/** Each column's physical and converted type, as DuckDB reads the file's schema. */
export async function duckSchema(file: string): Promise<Record<string, string>> {
  const rows = await duckQuery(
    `SELECT name, type, converted_type FROM parquet_schema(${literal(file)}) WHERE type IS NOT NULL`,
  );
  return Object.fromEntries(
    rows.map((row) => [row.name as string, [row.type, row.converted_type].filter(Boolean).join('/')]),
  );
}

interface ColumnInfo {
  name: string;
  path: string[];
  kind: string;
}

/**
 * A Parquet export read by DuckDB and turned back into history rows (this test's own decoder):
 * nulls are "not logged", JSON columns are parsed, each value goes to the path that the file's
 * `wbapi.columns` metadata gives its column. Rows are grouped by `run_id` in a combined file.
 */
export async function duckHistory(
  file: string,
  combined = false,
): Promise<Map<string | null, Record<string, unknown>[]>> {
  const columns = JSON.parse((await duckMetadata(file))['wbapi.columns'] ?? '[]') as ColumnInfo[];
  const runs = new Map<string | null, Record<string, unknown>[]>();
  for (const raw of await duckQuery(`SELECT * FROM read_parquet(${literal(file)})`)) {
    const row: Record<string, unknown> = {};
    for (const { name, path, kind } of columns) {
      let value = raw[name];
      if (value === null || value === undefined) continue;
      if (kind === 'json') value = parseWandbJson(value as string);
      else if (typeof value === 'bigint') value = Number(value);
      let target = row;
      for (const part of path.slice(0, -1)) target = (target[part] ??= {}) as Record<string, unknown>;
      target[path[path.length - 1] as string] = value;
    }
    const id = combined ? (raw.run_id as string) : null;
    let rows = runs.get(id);
    if (!rows) runs.set(id, (rows = []));
    rows.push(row);
  }
  return runs;
}
