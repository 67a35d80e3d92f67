import { normalizeTimestamp } from '../util/time';
import { stringifyWandbJson } from '../util/wandb-json';
import type { DatasetRun } from '../demo/dataset';
import { deleteHistoryExports } from '../exports/export-history';
import { HistoryKeyTracker } from './history-keys';
import type { RunRow } from './rows';
import type { Store } from './store';
import { insertFile, removeDiskBytes, upsertProject } from './write-objects';

/** Deletes a run and everything stored under it (call inside a transaction). */
export function deleteRunData(store: Store, runId: number): void {
  const files = store
    .prepare<{ disk_path: string | null }>('SELECT disk_path FROM files WHERE run_id = ?')
    .all(runId);
  store.prepare('DELETE FROM history WHERE run_id = ?').run(runId);
  store.prepare('DELETE FROM events WHERE run_id = ?').run(runId);
  store.prepare('DELETE FROM files WHERE run_id = ?').run(runId);
  store.prepare('DELETE FROM runs WHERE id = ?').run(runId);
  deleteHistoryExports(store, runId);
  for (const file of files) removeDiskBytes(file.disk_path);
}

/** Rows written per INSERT statement: multi-row inserts cut the per-statement cost of bulk imports. */
const BATCH = 64;

/**
 * Writes rows through multi-row INSERTs of up to {@link BATCH} rows (`columns` values each);
 * call `flush()` at the end.
 */
export function batchWriter(
  store: Store,
  sqlStart: string,
  columns: number,
): { add(...values: unknown[]): void; flush(): void } {
  const one = `(${Array(columns).fill('?').join(', ')})`;
  const full = store.prepare(`${sqlStart} VALUES ${Array(BATCH).fill(one).join(', ')}`);
  const pending: unknown[] = [];
  const flush = (): void => {
    if (pending.length === 0) return;
    const rows = pending.length / columns;
    const statement =
      rows === BATCH ? full : store.prepare(`${sqlStart} VALUES ${Array(rows).fill(one).join(', ')}`);
    statement.run(pending);
    pending.length = 0;
  };
  return {
    add(...values: unknown[]) {
      pending.push(...values);
      if (pending.length === BATCH * columns) flush();
    },
    flush,
  };
}

/** Appends history rows to a run and updates its line count and `historyKeys` (inside a transaction). */
export function appendHistory(store: Store, runId: number, rows: Iterable<Record<string, unknown>>): void {
  const run = store
    .prepare<Pick<RunRow, 'history_keys' | 'history_key_bits' | 'history_line_count'>>(
      'SELECT history_keys, history_key_bits, history_line_count FROM runs WHERE id = ?',
    )
    .get(runId);
  if (!run) throw new Error(`No run with id ${runId}`);
  const tracker = new HistoryKeyTracker(run.history_key_bits, run.history_keys);
  const writer = batchWriter(store, 'INSERT OR REPLACE INTO history (run_id, step, mask, row)', 4);
  const exists = store.prepare('SELECT 1 FROM history WHERE run_id = ? AND step = ?');
  let added = 0;
  let nextStep = tracker.lastStep === null ? 0 : tracker.lastStep + 1;
  for (const row of rows) {
    const step = typeof row._step === 'number' ? row._step : nextStep;
    const full = typeof row._step === 'number' ? row : { ...row, _step: step };
    // Steps usually ascend; only a step at or below the last one may replace a stored row.
    if (tracker.lastStep === null || step > tracker.lastStep) added += 1;
    else {
      writer.flush();
      if (exists.get(runId, step) === undefined) added += 1;
    }
    writer.add(runId, step, tracker.add(full, step), stringifyWandbJson(full));
    nextStep = step + 1;
  }
  writer.flush();
  store
    .prepare(
      'UPDATE runs SET history_line_count = history_line_count + ?, history_keys = ?, history_key_bits = ? WHERE id = ?',
    )
    .run(added, stringifyWandbJson(tracker.historyKeys()), tracker.bitsJson(), runId);
}

/** Inserts a run with its history, events and files, replacing a run of the same name (inside a transaction). */
export function insertRun(store: Store, run: DatasetRun): RunRow {
  const project = upsertProject(store, { entity: run.entity, name: run.project });
  const existing = store
    .prepare<{ id: number }>('SELECT id FROM runs WHERE project_id = ? AND name = ?')
    .get(project.id, run.name);
  if (existing) deleteRunData(store, existing.id);
  const createdAt = normalizeTimestamp(run.createdAt);
  const row = store
    .prepare<RunRow>(
      `INSERT INTO runs (project_id, name, display_name, state, created_at, heartbeat_at, updated_at, sweep_name,
         group_name, job_type, host, username, commit_hash, notes, tags, config, summary_metrics, system_metrics)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
    )
    .get(
      project.id,
      run.name,
      run.displayName ?? null,
      run.state ?? null,
      createdAt,
      run.heartbeatAt ? normalizeTimestamp(run.heartbeatAt) : null,
      run.heartbeatAt ? normalizeTimestamp(run.heartbeatAt) : createdAt,
      run.sweep ?? null,
      run.group ?? null,
      run.jobType ?? null,
      run.host ?? null,
      run.username ?? null,
      run.commit ?? null,
      run.notes ?? null,
      JSON.stringify(run.tags ?? []),
      stringifyWandbJson(run.config ?? {}),
      stringifyWandbJson(run.summary ?? {}),
      stringifyWandbJson(run.systemMetrics ?? {}),
    ) as RunRow;
  appendHistory(store, row.id, run.history ?? []);
  const events = batchWriter(store, 'INSERT INTO events (run_id, seq, row)', 3);
  let seq = 0;
  for (const event of run.events ?? []) events.add(row.id, seq++, stringifyWandbJson(event));
  events.flush();
  if (seq > 0) store.prepare('UPDATE runs SET events_line_count = ? WHERE id = ?').run(seq, row.id);
  for (const file of run.files ?? []) insertFile(store, row.id, file);
  return store.prepare<RunRow>('SELECT * FROM runs WHERE id = ?').get(row.id) as RunRow;
}
