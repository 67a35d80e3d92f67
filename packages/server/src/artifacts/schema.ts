import type { Database } from 'better-sqlite3';

/**
 * Tables of artifacts and the registry (see packages/server/README.md, "What it implements", artifacts). Collections are sequences (the versions
 * a project logged) or portfolios (links, e.g. registry collections); `artifact_memberships` holds
 * each version's index in every collection it belongs to. `latest` and `vN` are derived from the
 * memberships; only user aliases are stored. Blob bytes are kept once per MD5.
 */
export const ARTIFACT_SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS organizations (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  org_entity TEXT NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS organization_members (
  org_id INTEGER NOT NULL,
  entity_name TEXT NOT NULL,
  PRIMARY KEY (org_id, entity_name)
);
CREATE TABLE IF NOT EXISTS artifact_types (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  description TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (project_id, name)
);
CREATE TABLE IF NOT EXISTS artifact_collections (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL,
  type_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  description TEXT,
  tags TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL,
  updated_at TEXT,
  UNIQUE (project_id, name)
);
CREATE TABLE IF NOT EXISTS artifacts (
  id INTEGER PRIMARY KEY,
  sequence_id INTEGER NOT NULL,
  version_index INTEGER NOT NULL,
  state TEXT NOT NULL,
  digest TEXT NOT NULL,
  size INTEGER NOT NULL,
  file_count INTEGER NOT NULL,
  description TEXT,
  metadata TEXT,
  tags TEXT NOT NULL DEFAULT '[]',
  ttl_seconds INTEGER NOT NULL DEFAULT -2,
  commit_hash TEXT,
  history_step INTEGER,
  created_at TEXT NOT NULL,
  updated_at TEXT,
  creator_run_id INTEGER,
  UNIQUE (sequence_id, version_index)
);
CREATE TABLE IF NOT EXISTS artifact_entries (
  artifact_id INTEGER NOT NULL,
  path TEXT NOT NULL,
  digest TEXT NOT NULL,
  size INTEGER NOT NULL,
  ref TEXT,
  birth_artifact_id INTEGER,
  extra TEXT,
  blob_hex TEXT,
  PRIMARY KEY (artifact_id, path)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS artifact_blobs (
  hex TEXT PRIMARY KEY,
  size INTEGER NOT NULL,
  content BLOB,
  disk_path TEXT
);
CREATE TABLE IF NOT EXISTS artifact_memberships (
  id INTEGER PRIMARY KEY,
  collection_id INTEGER NOT NULL,
  artifact_id INTEGER NOT NULL,
  version_index INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (collection_id, version_index),
  UNIQUE (collection_id, artifact_id)
);
CREATE INDEX IF NOT EXISTS artifact_memberships_by_artifact ON artifact_memberships (artifact_id);
CREATE TABLE IF NOT EXISTS artifact_aliases (
  id INTEGER PRIMARY KEY,
  collection_id INTEGER NOT NULL,
  artifact_id INTEGER NOT NULL,
  alias TEXT NOT NULL,
  UNIQUE (collection_id, alias)
);
CREATE TABLE IF NOT EXISTS artifact_usage (
  run_id INTEGER NOT NULL,
  artifact_id INTEGER NOT NULL,
  PRIMARY KEY (run_id, artifact_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS artifact_usage_by_artifact ON artifact_usage (artifact_id);
`;

/** Creates the artifact tables when missing. */
export function applyArtifactSchema(db: Database): void {
  db.exec(ARTIFACT_SCHEMA_SQL);
}
