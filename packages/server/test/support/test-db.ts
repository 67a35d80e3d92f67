import Database from 'better-sqlite3';
import { registerSqlFunctions } from '../../src/query/sql-functions';

/** A run row for tests; JSON columns take objects (stringified) or raw JSON5 text. */
export interface TestRun {
  name: string;
  projectId?: number;
  createdAt?: string;
  heartbeatAt?: string | null;
  displayName?: string | null;
  state?: string | null;
  sweep?: string | null;
  group?: string | null;
  jobType?: string | null;
  host?: string | null;
  username?: string | null;
  tags?: string[];
  config?: Record<string, unknown> | string;
  summary?: Record<string, unknown> | string;
  systemMetrics?: Record<string, unknown> | string;
  historyKeys?: Record<string, unknown> | string;
}

const json = (value: Record<string, unknown> | string | undefined, fallback: string): string =>
  value === undefined ? fallback : typeof value === 'string' ? value : JSON.stringify(value);

/**
 * A database (in memory unless `file` is given) with the `runs` table of `src/store/schema.ts` (plus `history_keys`, which
 * the store keeps), a `projects` table and the SQL functions registered. For tests only.
 */
export function createTestDb(file = ':memory:'): Database.Database {
  const db = new Database(file);
  db.exec(`
    CREATE TABLE projects (id INTEGER PRIMARY KEY, entity_name TEXT NOT NULL, name TEXT NOT NULL);
    CREATE TABLE runs (
      id INTEGER PRIMARY KEY, project_id INTEGER NOT NULL, name TEXT NOT NULL, display_name TEXT,
      state TEXT, created_at TEXT NOT NULL, heartbeat_at TEXT, updated_at TEXT, sweep_name TEXT,
      group_name TEXT, job_type TEXT, host TEXT, username TEXT, commit_hash TEXT, notes TEXT,
      description TEXT, read_only INTEGER NOT NULL DEFAULT 0, tags TEXT NOT NULL DEFAULT '[]',
      config TEXT NOT NULL DEFAULT '{}', summary_metrics TEXT NOT NULL DEFAULT '{}',
      system_metrics TEXT NOT NULL DEFAULT '{}', history_keys TEXT NOT NULL DEFAULT '{"keys":{}}',
      UNIQUE (project_id, name));
    CREATE INDEX runs_by_created ON runs (project_id, created_at, id);
    INSERT INTO projects (id, entity_name, name) VALUES (1, 'demo', 'mnist'), (2, 'demo', 'other');
  `);
  registerSqlFunctions(db);
  return db;
}

/**
 * Inserts runs; returns their ids. With `storage: 'jsonb'` the JSON columns hold SQLite's binary
 * JSONB (the json functions read both, so compiled filters must work on either).
 */
export function insertRuns(
  db: Database.Database,
  runs: readonly TestRun[],
  storage: 'text' | 'jsonb' = 'text',
): number[] {
  const j = storage === 'jsonb' ? 'jsonb(?)' : '?';
  const insert =
    db.prepare(`INSERT INTO runs (project_id, name, display_name, state, created_at, heartbeat_at,
    sweep_name, group_name, job_type, host, username, tags, config, summary_metrics, system_metrics, history_keys)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ${j}, ${j}, ${j}, ${j}, ${j})`);
  return runs.map(
    (run) =>
      insert.run(
        run.projectId ?? 1,
        run.name,
        run.displayName === undefined ? `display-${run.name}` : run.displayName,
        run.state === undefined ? 'finished' : run.state,
        run.createdAt ?? '2024-01-01T00:00:00',
        run.heartbeatAt ?? null,
        run.sweep ?? null,
        run.group ?? null,
        run.jobType ?? null,
        run.host ?? null,
        run.username ?? 'demo',
        JSON.stringify(run.tags ?? []),
        json(run.config, '{}'),
        json(run.summary, '{}'),
        json(run.systemMetrics, '{}'),
        json(run.historyKeys, '{"keys":{}}'),
      ).lastInsertRowid as number,
  );
}
