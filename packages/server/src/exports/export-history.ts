import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ParquetWriter, fileWriter } from 'hyparquet-writer';
import type { Store } from '../store/store';
import { parseWandbJson } from '../util/wandb-json';
import { KindCollector, isNestedKind, rowColumns, type ColumnKind } from './column-kinds';
import { resolveExportOptions, type HistoryExportOptions, type HistoryExportSummary } from './export-options';
import { writeExportFile, type ExportColumn } from './write-export-file';

/** A row of `history_exports`. */
export interface HistoryExportRow {
  id: number;
  run_id: number;
  min_step: number | null;
  max_step: number | null;
  row_count: number;
  size_bytes: number;
  disk_path: string;
}

const LOWEST = -Number.MAX_SAFE_INTEGER;

/** The run's export mark: the last exported step, or null when nothing is exported yet. */
export function exportMark(store: Store, runId: number): number | null {
  return (
    store
      .prepare<{ mark: number | null }>('SELECT mark FROM history_export_marks WHERE run_id = ?')
      .get(runId)?.mark ?? null
  );
}

/** The run's export files, in the order `parquetUrls` lists them. */
export function exportFiles(store: Store, runId: number): HistoryExportRow[] {
  const files = store
    .prepare<HistoryExportRow>('SELECT * FROM history_exports WHERE run_id = ? ORDER BY id')
    .all(runId);
  const order = store
    .prepare<{ url_order: string }>('SELECT url_order FROM history_export_marks WHERE run_id = ?')
    .get(runId)?.url_order;
  return order === 'reversed' ? files.reverse() : files;
}

function* rowsBetween(
  store: Store,
  runId: number,
  lo: number,
  hi: number,
): Generator<Record<string, unknown>> {
  const statement = store.prepare<{ row: string }>(
    'SELECT row FROM history WHERE run_id = ? AND step >= ? AND step <= ? ORDER BY step',
  );
  for (const r of statement.iterate(runId, lo, hi)) yield parseWandbJson(r.row) as Record<string, unknown>;
}

const SCALAR_KINDS: Record<string, ColumnKind> = {
  number: { kind: 'double' },
  string: { kind: 'string' },
  boolean: { kind: 'boolean' },
};

/**
 * The columns when the run's `historyKeys` already tell them: every key always held numbers, or
 * always strings, or always booleans (the usual run). Null when a row must be looked at (dicts,
 * lists, explicit nulls or mixed types).
 */
function scalarColumns(store: Store, runId: number): ExportColumn[] | null {
  const row = store
    .prepare<{ history_keys: string }>('SELECT history_keys FROM runs WHERE id = ?')
    .get(runId);
  const keys =
    (
      parseWandbJson(row?.history_keys ?? '{}') as {
        keys?: Record<string, { typeCounts?: { type: string }[] }>;
      }
    ).keys ?? {};
  const columns: ExportColumn[] = [];
  for (const [name, info] of Object.entries(keys)) {
    if (name === '_step') continue;
    const types = info.typeCounts ?? [];
    const kind = types.length === 1 ? SCALAR_KINDS[types[0]?.type ?? ''] : undefined;
    if (!kind) return null;
    columns.push({ name, kind });
  }
  return columns;
}

/** Columns of the rows in `[lo, hi]`: scalar columns first (as W&B orders them), then nested ones. */
function columnsOf(
  store: Store,
  runId: number,
  lo: number,
  hi: number,
  nesting: 'dotted' | 'struct',
  mixed: 'json' | 'union',
): ExportColumn[] {
  const collectors = new Map<string, KindCollector>();
  for (const row of rowsBetween(store, runId, lo, hi)) {
    for (const [name, value] of rowColumns(row, nesting)) {
      let collector = collectors.get(name);
      if (!collector) {
        collector = new KindCollector();
        collectors.set(name, collector);
      }
      collector.add(value);
    }
  }
  const columns = [...collectors].map(([name, c]) => ({ name, kind: c.resolve(mixed) }));
  return [...columns.filter((c) => !isNestedKind(c.kind)), ...columns.filter((c) => isNestedKind(c.kind))];
}

function newPath(store: Store, runId: number): string {
  const dir = join(store.filesDir, 'history-exports');
  mkdirSync(dir, { recursive: true });
  return join(dir, `run-${runId}-${randomBytes(6).toString('hex')}.parquet`);
}

function record(
  store: Store,
  runId: number,
  path: string,
  file: Omit<HistoryExportRow, 'id' | 'run_id' | 'disk_path'>,
): void {
  store
    .prepare(
      'INSERT INTO history_exports (run_id, min_step, max_step, row_count, size_bytes, disk_path) VALUES (?, ?, ?, ?, ?, ?)',
    )
    .run(runId, file.min_step, file.max_step, file.row_count, file.size_bytes, path);
}

/**
 * Exports the run's history rows after its export mark (up to `upToStep`) to one or more Parquet
 * files and moves the mark to the last exported step; rows after it stay live. See
 * {@link HistoryExportOptions} for the variants.
 */
export function exportHistory(
  store: Store,
  runId: number,
  options?: HistoryExportOptions,
): HistoryExportSummary {
  const o = resolveExportOptions(options);
  if (!store.prepare('SELECT 1 FROM runs WHERE id = ?').get(runId))
    throw new Error(`No run with id ${runId}`);
  const previous = exportMark(store, runId);
  const steps = store
    .prepare(
      'SELECT step FROM history WHERE run_id = ? AND step > ? AND step <= ? ORDER BY step /* export */',
    )
    .pluck()
    .all(runId, previous ?? LOWEST, o.upToStep) as number[];
  let files = 0;
  let rows = 0;
  if (steps.length > 0) {
    const first = steps[0] as number;
    const last = steps[steps.length - 1] as number;
    // The usual run (scalars of one type per key) needs no first pass over its rows.
    const columns = scalarColumns(store, runId) ?? columnsOf(store, runId, first, last, o.nesting, o.mixed);
    const count = Math.max(1, Math.ceil(steps.length / o.rowsPerFile));
    for (let i = 0; i < count; i++) {
      const start = i === 0 ? 0 : Math.max(0, i * o.rowsPerFile - o.overlapRows);
      const end = Math.min((i + 1) * o.rowsPerFile, steps.length) - 1;
      const path = newPath(store, runId);
      const written = writeExportFile(
        path,
        rowsBetween(store, runId, steps[start] as number, steps[end] as number),
        columns,
        o,
      );
      record(store, runId, path, {
        min_step: written.minStep,
        max_step: written.maxStep,
        row_count: written.rows,
        size_bytes: written.sizeBytes,
      });
      files += 1;
      rows += written.rows;
    }
  }
  if (o.empty) {
    const path = newPath(store, runId);
    void new ParquetWriter({
      writer: fileWriter(path),
      schema: [{ name: 'schema', num_children: 0 }],
    }).finish();
    record(store, runId, path, {
      min_step: null,
      max_step: null,
      row_count: 0,
      size_bytes: statSync(path).size,
    });
    files += 1;
  }
  const mark = steps.length > 0 ? (steps[steps.length - 1] as number) : previous;
  store
    .prepare(
      'INSERT INTO history_export_marks (run_id, mark, url_order) VALUES (?, ?, ?) ON CONFLICT (run_id) DO UPDATE SET mark = excluded.mark, url_order = excluded.url_order',
    )
    .run(runId, mark, o.urlOrder);
  return { files, rows, mark };
}

/** Removes a run's export files and mark (inside the run's delete). */
export function deleteHistoryExports(store: Store, runId: number): void {
  const paths = store
    .prepare<{ disk_path: string }>('SELECT disk_path FROM history_exports WHERE run_id = ?')
    .all(runId);
  store.prepare('DELETE FROM history_exports WHERE run_id = ?').run(runId);
  store.prepare('DELETE FROM history_export_marks WHERE run_id = ?').run(runId);
  for (const { disk_path } of paths) rmSync(disk_path, { force: true });
}
