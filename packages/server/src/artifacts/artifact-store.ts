import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { Store } from '../store/store';
import { storeBytes } from '../store/file-bytes';
import { upsertProject } from '../store/write-objects';
import { normalizeTimestamp, wandbTimestamp } from '../util/time';
import { stringifyWandbJson } from '../util/wandb-json';
import { artifactDigest, md5Hex } from './digest';
import { SignedUrls } from './signed-urls';
import type { ArtifactRow, ArtifactTypeRow, CollectionRow, EntryRow, OrganizationRow } from './rows';

/** One file of a new artifact version: stored bytes, or a reference to a URI. */
export interface ArtifactFileInput {
  /** Logical POSIX path inside the artifact (the manifest key). */
  path: string;
  /** The bytes (a chunk generator streams large files to disk). */
  bytes?: Uint8Array | (() => Iterable<Uint8Array>);
  /** A reference URI (`s3://`, `https://`, ...) instead of bytes. */
  ref?: string;
  /** Digest of a reference (ETag, URL, ...). @defaultValue the ref URI */
  digest?: string;
  /** Size of a reference in bytes. @defaultValue 0 */
  size?: number;
  /** Extra manifest fields of a reference (`etag`, `versionID`, ...). */
  extra?: Record<string, unknown>;
}

/** A new artifact version logged to a project's sequence. */
export interface ArtifactInput {
  entity: string;
  project: string;
  /** Artifact type, e.g. `dataset` or `model` (created when missing). */
  type: string;
  /** Collection (sequence) name. */
  name: string;
  files: ArtifactFileInput[];
  description?: string | null;
  /** Metadata object (or its JSON text). */
  metadata?: Record<string, unknown> | string | null;
  /** User aliases in the sequence (`latest` and `vN` are derived). */
  aliases?: string[];
  tags?: string[];
  /** Run (run id) that logged the version. */
  loggedBy?: string;
  createdAt?: string;
  state?: 'PENDING' | 'COMMITTED' | 'DELETED';
  /** Time to live in seconds; -2 (none) by default. */
  ttlSeconds?: number;
  commitHash?: string | null;
  historyStep?: number | null;
}

/** Where a new version ended up. */
export interface AddedArtifact {
  /** Row id (the GraphQL id is base64 of `Artifact:<id>`). */
  id: number;
  /** Index in its sequence (`v<n>`). */
  versionIndex: number;
  /** The artifact digest (§1.3). */
  digest: string;
}

/** A link of an existing version into a portfolio (e.g. a registry collection). */
export interface LinkInput {
  artifactId: number;
  entity: string;
  project: string;
  /** Portfolio name (created with the artifact's type when missing). */
  collection: string;
  aliases?: string[];
  description?: string | null;
  tags?: string[];
}

const ALIAS_FORBIDDEN = /[/:]/;

function checkAliases(aliases: readonly string[]): void {
  for (const alias of aliases) {
    if (alias === '' || ALIAS_FORBIDDEN.test(alias) || alias === 'latest' || /^v\d+$/.test(alias)) {
      throw new RangeError(`Invalid user alias ${JSON.stringify(alias)} (latest and vN are derived)`);
    }
  }
}

/**
 * Writes artifacts, links, usage and organizations (`store.artifacts`). Each call is one
 * transaction.
 */
export class ArtifactStore {
  /** Signing of artifact download URLs (`ttlSeconds`, `expireNext(n)` for tests). */
  readonly urls = new SignedUrls();

  constructor(private readonly store: Store) {}

  /** Adds an organization with its org entity; `members` are user or team entities in it. */
  addOrganization(org: { name: string; orgEntity: string; members?: string[] }): OrganizationRow {
    return this.store.transaction(() => {
      upsertProject(this.store, { entity: org.orgEntity, name: 'model-registry' });
      const row = this.store
        .prepare<OrganizationRow>(
          `INSERT INTO organizations (name, org_entity) VALUES (?, ?)
           ON CONFLICT (name) DO UPDATE SET org_entity = excluded.org_entity RETURNING *`,
        )
        .get(org.name, org.orgEntity) as OrganizationRow;
      for (const member of org.members ?? []) {
        this.store
          .prepare('INSERT OR IGNORE INTO organization_members (org_id, entity_name) VALUES (?, ?)')
          .run(row.id, member);
      }
      return row;
    });
  }

  private typeOf(projectId: number, name: string, createdAt: string): ArtifactTypeRow {
    if (!name || ALIAS_FORBIDDEN.test(name))
      throw new RangeError(`Invalid artifact type ${JSON.stringify(name)}`);
    this.store
      .prepare('INSERT OR IGNORE INTO artifact_types (project_id, name, created_at) VALUES (?, ?, ?)')
      .run(projectId, name, createdAt);
    return this.store
      .prepare<ArtifactTypeRow>('SELECT * FROM artifact_types WHERE project_id = ? AND name = ?')
      .get(projectId, name) as ArtifactTypeRow;
  }

  private collectionOf(
    projectId: number,
    typeId: number,
    name: string,
    kind: CollectionRow['kind'],
    createdAt: string,
    extra: { description?: string | null | undefined; tags?: string[] | undefined },
  ): CollectionRow {
    if (!name || name.length > 128 || name.includes('/') || name.includes(':')) {
      throw new RangeError(`Invalid collection name ${JSON.stringify(name)}`);
    }
    const existing = this.store
      .prepare<CollectionRow>('SELECT * FROM artifact_collections WHERE project_id = ? AND name = ?')
      .get(projectId, name);
    if (existing) {
      if (existing.kind !== kind || existing.type_id !== typeId) {
        throw new RangeError(`Collection ${name} exists with another kind or type`);
      }
      this.store
        .prepare('UPDATE artifact_collections SET updated_at = ? WHERE id = ?')
        .run(createdAt, existing.id);
      return existing;
    }
    return this.store
      .prepare<CollectionRow>(
        `INSERT INTO artifact_collections (project_id, type_id, name, kind, description, tags, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
      )
      .get(
        projectId,
        typeId,
        name,
        kind,
        extra.description ?? null,
        JSON.stringify(extra.tags ?? []),
        createdAt,
        createdAt,
      ) as CollectionRow;
  }

  private addMembership(
    collectionId: number,
    artifactId: number,
    aliases: readonly string[],
    createdAt: string,
  ): number {
    const next = this.store
      .prepare<{ n: number }>(
        'SELECT COALESCE(MAX(version_index) + 1, 0) AS n FROM artifact_memberships WHERE collection_id = ?',
      )
      .get(collectionId) as { n: number };
    this.store
      .prepare(
        'INSERT INTO artifact_memberships (collection_id, artifact_id, version_index, created_at) VALUES (?, ?, ?, ?)',
      )
      .run(collectionId, artifactId, next.n, createdAt);
    for (const alias of aliases) {
      // A user alias moves: it names one version per collection.
      this.store
        .prepare(
          `INSERT INTO artifact_aliases (collection_id, artifact_id, alias) VALUES (?, ?, ?)
           ON CONFLICT (collection_id, alias) DO UPDATE SET artifact_id = excluded.artifact_id`,
        )
        .run(collectionId, artifactId, alias);
    }
    return next.n;
  }

  private storeBlob(bytes: NonNullable<ArtifactFileInput['bytes']>): {
    hex: string;
    size: number;
    digest: string;
  } {
    const stored = storeBytes(this.store.filesDir, `artifact-${randomBytes(8).toString('hex')}`, bytes);
    const hex = md5Hex(stored.md5);
    this.store
      .prepare('INSERT OR IGNORE INTO artifact_blobs (hex, size, content, disk_path) VALUES (?, ?, ?, ?)')
      .run(hex, stored.size, stored.content, stored.diskPath);
    return { hex, size: stored.size, digest: stored.md5 };
  }

  /** Logs a new version to the sequence `entity/project/name` (created with its type when missing). */
  add(input: ArtifactInput): AddedArtifact {
    checkAliases(input.aliases ?? []);
    return this.store.transaction(() => {
      const createdAt = normalizeTimestamp(input.createdAt ?? wandbTimestamp());
      const project = upsertProject(this.store, { entity: input.entity, name: input.project });
      const type = this.typeOf(project.id, input.type, createdAt);
      const sequence = this.collectionOf(project.id, type.id, input.name, 'SEQUENCE', createdAt, {});
      const run = input.loggedBy ? this.store.run(input.entity, input.project, input.loggedBy) : undefined;
      if (input.loggedBy && !run)
        throw new RangeError(`No run ${input.loggedBy} in ${input.entity}/${input.project}`);
      const entries: Omit<EntryRow, 'artifact_id' | 'birth_artifact_id'>[] = [];
      const seen = new Set<string>();
      for (const file of input.files) {
        if (seen.has(file.path)) throw new RangeError(`Duplicate artifact path ${file.path}`);
        seen.add(file.path);
        if (file.ref !== undefined) {
          entries.push({
            path: file.path,
            digest: file.digest ?? file.ref,
            size: file.size ?? 0,
            ref: file.ref,
            extra: file.extra ? JSON.stringify(file.extra) : null,
            blob_hex: null,
          });
        } else if (file.bytes !== undefined) {
          const blob = this.storeBlob(file.bytes);
          entries.push({
            path: file.path,
            digest: blob.digest,
            size: blob.size,
            ref: null,
            extra: null,
            blob_hex: blob.hex,
          });
        } else {
          throw new RangeError(`Artifact file ${file.path} needs bytes or a ref`);
        }
      }
      const next = this.store
        .prepare<{ n: number }>(
          'SELECT COALESCE(MAX(version_index) + 1, 0) AS n FROM artifacts WHERE sequence_id = ?',
        )
        .get(sequence.id) as { n: number };
      const digest = artifactDigest(entries);
      const metadata =
        input.metadata === undefined || input.metadata === null
          ? null
          : typeof input.metadata === 'string'
            ? input.metadata
            : stringifyWandbJson(input.metadata);
      const row = this.store
        .prepare<ArtifactRow>(
          `INSERT INTO artifacts (sequence_id, version_index, state, digest, size, file_count, description, metadata,
             tags, ttl_seconds, commit_hash, history_step, created_at, updated_at, creator_run_id)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
        )
        .get(
          sequence.id,
          next.n,
          input.state ?? 'COMMITTED',
          digest,
          entries.reduce((sum, e) => sum + e.size, 0),
          entries.length,
          input.description ?? null,
          metadata,
          JSON.stringify(input.tags ?? []),
          input.ttlSeconds ?? -2,
          input.commitHash ?? null,
          input.historyStep ?? null,
          createdAt,
          createdAt,
          run?.id ?? null,
        ) as ArtifactRow;
      const insert = this.store.prepare(
        `INSERT INTO artifact_entries (artifact_id, path, digest, size, ref, birth_artifact_id, extra, blob_hex)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      for (const e of entries) {
        insert.run(
          row.id,
          e.path,
          e.digest,
          e.size,
          e.ref,
          e.ref === null ? row.id : null,
          e.extra,
          e.blob_hex,
        );
      }
      this.addMembership(sequence.id, row.id, input.aliases ?? [], createdAt);
      return { id: row.id, versionIndex: row.version_index, digest };
    });
  }

  /** Links a version into a portfolio (a registry collection when the project is `wandb-registry-*`). */
  link(input: LinkInput): { versionIndex: number } {
    checkAliases(input.aliases ?? []);
    return this.store.transaction(() => {
      const artifact = this.store
        .prepare<ArtifactRow>('SELECT * FROM artifacts WHERE id = ?')
        .get(input.artifactId);
      if (!artifact) throw new RangeError(`No artifact ${input.artifactId}`);
      const sourceType = this.store
        .prepare<{ name: string }>(
          'SELECT t.name FROM artifact_collections c JOIN artifact_types t ON t.id = c.type_id WHERE c.id = ?',
        )
        .get(artifact.sequence_id) as { name: string };
      const createdAt = wandbTimestamp();
      const project = upsertProject(this.store, { entity: input.entity, name: input.project });
      const type = this.typeOf(project.id, sourceType.name, createdAt);
      const portfolio = this.collectionOf(project.id, type.id, input.collection, 'PORTFOLIO', createdAt, {
        description: input.description,
        tags: input.tags,
      });
      const existing = this.store
        .prepare<{ version_index: number }>(
          'SELECT version_index FROM artifact_memberships WHERE collection_id = ? AND artifact_id = ?',
        )
        .get(portfolio.id, artifact.id);
      if (existing) return { versionIndex: existing.version_index };
      return { versionIndex: this.addMembership(portfolio.id, artifact.id, input.aliases ?? [], createdAt) };
    });
  }

  /** Records that a run used a version (`run.inputArtifacts`, `artifact.usedBy`). */
  use(entity: string, project: string, runName: string, artifactId: number): void {
    const run = this.store.run(entity, project, runName);
    if (!run) throw new RangeError(`No run ${runName} in ${entity}/${project}`);
    this.store
      .prepare('INSERT OR IGNORE INTO artifact_usage (run_id, artifact_id) VALUES (?, ?)')
      .run(run.id, artifactId);
  }

  /** Overwrites one stored byte of a blob (tests: a server that serves corrupted bytes). */
  corruptBlob(md5Base64: string, offset = 0): void {
    const hex = md5Hex(md5Base64);
    const blob = this.store
      .prepare<{ content: Buffer | null; disk_path: string | null }>(
        'SELECT content, disk_path FROM artifact_blobs WHERE hex = ?',
      )
      .get(hex);
    if (!blob) throw new RangeError(`No blob ${md5Base64}`);
    if (blob.content) {
      const bytes = Buffer.from(blob.content);
      bytes[offset] = (bytes[offset] ?? 0) ^ 0xff;
      this.store.prepare('UPDATE artifact_blobs SET content = ? WHERE hex = ?').run(bytes, hex);
      return;
    }
    flipByteOnDisk(blob.disk_path as string, offset);
  }
}

function flipByteOnDisk(path: string, offset: number): void {
  const fd = openSync(path, 'r+');
  try {
    const one = Buffer.alloc(1);
    readSync(fd, one, 0, 1, offset);
    one[0] = (one[0] ?? 0) ^ 0xff;
    writeSync(fd, one, 0, 1, offset);
  } finally {
    closeSync(fd);
  }
}
