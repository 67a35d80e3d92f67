import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { normalizeTimestamp, wandbTimestamp } from '../util/time';
import { stringifyWandbJson } from '../util/wandb-json';
import type { DatasetFile, DatasetReport, DatasetSweep, DatasetUser } from '../demo/dataset';
import { storeBytes } from './file-bytes';
import type { ProjectRow, UserRow } from './rows';
import type { Store } from './store';

/** Creates an entity (user or team name) when missing. */
export function ensureEntity(store: Store, name: string): void {
  store.prepare('INSERT OR IGNORE INTO entities (name) VALUES (?)').run(name);
}

/** Adds or replaces a user keyed by username. */
export function insertUser(store: Store, user: DatasetUser): UserRow {
  ensureEntity(store, user.entity);
  for (const team of user.teams ?? []) ensureEntity(store, team);
  return store
    .prepare<UserRow>(
      `INSERT INTO users (username, name, email, api_key, entity, admin, teams) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (username) DO UPDATE SET name = excluded.name, email = excluded.email,
         api_key = excluded.api_key, entity = excluded.entity, admin = excluded.admin, teams = excluded.teams
       RETURNING *`,
    )
    .get(
      user.username,
      user.name,
      user.email,
      user.apiKey,
      user.entity,
      user.admin ? 1 : 0,
      JSON.stringify(user.teams ?? []),
    ) as UserRow;
}

/** Returns the project, creating it (and its entity) when missing. */
export function upsertProject(
  store: Store,
  project: { entity: string; name: string; createdAt?: string; description?: string },
): ProjectRow {
  const existing = store.project(project.entity, project.name);
  if (existing) return existing;
  ensureEntity(store, project.entity);
  return store
    .prepare<ProjectRow>(
      'INSERT INTO projects (entity_name, name, created_at, description) VALUES (?, ?, ?, ?) RETURNING *',
    )
    .get(
      project.entity,
      project.name,
      normalizeTimestamp(project.createdAt ?? wandbTimestamp()),
      project.description ?? null,
    ) as ProjectRow;
}

/** Adds or replaces a sweep. */
export function insertSweep(store: Store, sweep: DatasetSweep): void {
  const project = upsertProject(store, { entity: sweep.entity, name: sweep.project });
  const createdAt = normalizeTimestamp(sweep.createdAt);
  store
    .prepare(
      `INSERT OR REPLACE INTO sweeps (project_id, name, display_name, method, state, description, config,
         created_at, updated_at, run_count_expected) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      project.id,
      sweep.name,
      sweep.displayName ?? null,
      sweep.method,
      sweep.state,
      sweep.description ?? null,
      sweep.config,
      createdAt,
      createdAt,
      sweep.runCountExpected ?? null,
    );
}

/** Adds a report (a view of type `runs`), replacing one of the same name in its project. */
export function insertReport(store: Store, report: DatasetReport): void {
  const project = upsertProject(store, { entity: report.entity, name: report.project });
  // Importing the same data set again (e.g. --demo on an existing file) replaces the report.
  store
    .prepare("DELETE FROM views WHERE project_id = ? AND type = 'runs' AND name = ?")
    .run(project.id, report.name);
  store
    .prepare(
      `INSERT INTO views (project_id, name, display_name, description, type, username, spec, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'runs', ?, ?, ?, ?)`,
    )
    .run(
      project.id,
      report.name,
      report.displayName ?? null,
      report.description ?? null,
      report.username ?? null,
      stringifyWandbJson(report.spec ?? {}),
      normalizeTimestamp(report.createdAt),
      normalizeTimestamp(report.updatedAt ?? report.createdAt),
    );
}

/** Removes the disk copy of a file's bytes, if it has one. */
export function removeDiskBytes(diskPath: string | null | undefined): void {
  if (diskPath) rmSync(diskPath, { force: true });
}

/** Adds or replaces one file of a run; large bytes go to the files folder. */
export function insertFile(store: Store, runId: number, file: DatasetFile): void {
  const old = store
    .prepare<{ disk_path: string | null }>('SELECT disk_path FROM files WHERE run_id = ? AND name = ?')
    .get(runId, file.name);
  removeDiskBytes(old?.disk_path);
  const stored = storeBytes(store.filesDir, randomUUID(), file.bytes);
  store
    .prepare(
      `INSERT OR REPLACE INTO files (run_id, name, mimetype, size_bytes, md5, updated_at, content, disk_path)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      runId,
      file.name,
      file.mimetype ?? null,
      stored.size,
      stored.md5,
      normalizeTimestamp(file.updatedAt ?? wandbTimestamp()),
      stored.content,
      stored.diskPath,
    );
}
