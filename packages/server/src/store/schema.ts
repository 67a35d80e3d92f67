import type { Database } from 'better-sqlite3';
import { DELETED_RUNS_SQL } from './deleted-runs';
import { TEAMS_SQL } from './teams';

/**
 * Tables and indexes. Column names of `runs` are fixed here (the filter compiler
 * in `src/query/` writes SQL against them). History rows are keyed by (run_id, step) so that a
 * page by step range is one range scan of the primary key; `mask` has one bit per history key of
 * the run (the first 53 keys) so that "rows having all keys" is a cheap test during that scan.
 */
export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  email TEXT,
  api_key TEXT NOT NULL UNIQUE,
  entity TEXT NOT NULL,
  admin INTEGER NOT NULL DEFAULT 0,
  teams TEXT NOT NULL DEFAULT '[]',
  photo_url TEXT
);
CREATE TABLE IF NOT EXISTS entities (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS projects (
  id INTEGER PRIMARY KEY,
  entity_name TEXT NOT NULL,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  description TEXT,
  UNIQUE (entity_name, name)
);
CREATE TABLE IF NOT EXISTS runs (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  display_name TEXT,
  state TEXT,
  created_at TEXT NOT NULL,
  heartbeat_at TEXT,
  updated_at TEXT,
  sweep_name TEXT,
  group_name TEXT,
  job_type TEXT,
  host TEXT,
  username TEXT,
  commit_hash TEXT,
  notes TEXT,
  description TEXT,
  read_only INTEGER NOT NULL DEFAULT 0,
  tags TEXT NOT NULL DEFAULT '[]',
  config TEXT NOT NULL DEFAULT '{}',
  summary_metrics TEXT NOT NULL DEFAULT '{}',
  system_metrics TEXT NOT NULL DEFAULT '{}',
  history_line_count INTEGER NOT NULL DEFAULT 0,
  history_keys TEXT NOT NULL DEFAULT '{"keys":{}}',
  history_key_bits TEXT NOT NULL DEFAULT '{}',
  events_line_count INTEGER NOT NULL DEFAULT 0,
  UNIQUE (project_id, name)
);
CREATE INDEX IF NOT EXISTS runs_by_created ON runs (project_id, created_at, id);
CREATE INDEX IF NOT EXISTS runs_by_sweep ON runs (project_id, sweep_name);
CREATE TABLE IF NOT EXISTS history (
  run_id INTEGER NOT NULL,
  step INTEGER NOT NULL,
  mask INTEGER NOT NULL,
  row TEXT NOT NULL,
  PRIMARY KEY (run_id, step)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS events (
  run_id INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  row TEXT NOT NULL,
  PRIMARY KEY (run_id, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS files (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  mimetype TEXT,
  size_bytes INTEGER NOT NULL,
  md5 TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  content BLOB,
  disk_path TEXT,
  UNIQUE (run_id, name)
);
CREATE TABLE IF NOT EXISTS sweeps (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  display_name TEXT,
  method TEXT NOT NULL,
  state TEXT NOT NULL,
  description TEXT,
  config TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT,
  run_count_expected INTEGER,
  UNIQUE (project_id, name)
);
CREATE TABLE IF NOT EXISTS views (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  display_name TEXT,
  description TEXT,
  type TEXT NOT NULL DEFAULT 'runs',
  username TEXT,
  spec TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL,
  updated_at TEXT
);
CREATE INDEX IF NOT EXISTS views_by_project ON views (project_id, type, name);
`;

/** Creates the tables and indexes when missing and sets the connection pragmas. */
export function applySchema(db: Database, inMemory: boolean): void {
  if (!inMemory) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
  db.exec(SCHEMA_SQL + TEAMS_SQL + DELETED_RUNS_SQL);
}
