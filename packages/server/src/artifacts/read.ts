import type { Store } from '../store/store';
import type { ArtifactRow, ArtifactTypeRow, CollectionRow, EntryRow, MembershipRow } from './rows';

/** `coll:alias` split at the first `:`; a bare name means `latest`. */
export function splitVersionName(name: string): { collection: string; alias: string } {
  const colon = name.indexOf(':');
  if (colon < 0) return { collection: name, alias: 'latest' };
  return { collection: name.slice(0, colon), alias: name.slice(colon + 1) };
}

/** A collection by row id. */
export function collectionById(store: Store, id: number): CollectionRow | undefined {
  return store.prepare<CollectionRow>('SELECT * FROM artifact_collections WHERE id = ?').get(id);
}

/** A collection of a project by name (optionally of one type). */
export function collectionByName(
  store: Store,
  projectId: number,
  name: string,
  typeId?: number,
): CollectionRow | undefined {
  const row = store
    .prepare<CollectionRow>('SELECT * FROM artifact_collections WHERE project_id = ? AND name = ?')
    .get(projectId, name);
  return row && (typeId === undefined || row.type_id === typeId) ? row : undefined;
}

/** An artifact version by row id. */
export function artifactById(store: Store, id: number): ArtifactRow | undefined {
  return store.prepare<ArtifactRow>('SELECT * FROM artifacts WHERE id = ?').get(id);
}

/** An artifact type by row id. */
export function typeById(store: Store, id: number): ArtifactTypeRow {
  return store
    .prepare<ArtifactTypeRow>('SELECT * FROM artifact_types WHERE id = ?')
    .get(id) as ArtifactTypeRow;
}

/** Index of the newest committed version of a collection (what `latest` names), or null. */
export function latestIndex(store: Store, collectionId: number): number | null {
  const row = store
    .prepare<{ n: number | null }>(
      `SELECT MAX(m.version_index) AS n FROM artifact_memberships m JOIN artifacts a ON a.id = m.artifact_id
       WHERE m.collection_id = ? AND a.state = 'COMMITTED'`,
    )
    .get(collectionId);
  return row?.n ?? null;
}

/** The membership `alias` names in a collection: `vN`, `latest` or a user alias. */
export function membershipByAlias(
  store: Store,
  collectionId: number,
  alias: string,
): MembershipRow | undefined {
  const version = /^v(\d+)$/.exec(alias);
  if (version) {
    return store
      .prepare<MembershipRow>(
        'SELECT * FROM artifact_memberships WHERE collection_id = ? AND version_index = ?',
      )
      .get(collectionId, Number(version[1]));
  }
  if (alias === 'latest') {
    const n = latestIndex(store, collectionId);
    if (n === null) return undefined;
    return membershipByAlias(store, collectionId, `v${n}`);
  }
  return store
    .prepare<MembershipRow>(
      `SELECT m.* FROM artifact_aliases a JOIN artifact_memberships m
         ON m.collection_id = a.collection_id AND m.artifact_id = a.artifact_id
       WHERE a.collection_id = ? AND a.alias = ?`,
    )
    .get(collectionId, alias);
}

/** A membership by row id. */
export function membershipById(store: Store, id: number): MembershipRow | undefined {
  return store.prepare<MembershipRow>('SELECT * FROM artifact_memberships WHERE id = ?').get(id);
}

/** Every membership of an artifact version (its sequence first). */
export function membershipsOf(store: Store, artifactId: number): MembershipRow[] {
  return store
    .prepare<MembershipRow>('SELECT * FROM artifact_memberships WHERE artifact_id = ? ORDER BY id')
    .all(artifactId);
}

/** Aliases of a membership: `vN`, `latest` when it is the newest committed one, then user aliases. */
export function aliasNames(store: Store, membership: MembershipRow): string[] {
  const names = [`v${membership.version_index}`];
  if (latestIndex(store, membership.collection_id) === membership.version_index) names.push('latest');
  const user = store
    .prepare<{ alias: string }>(
      'SELECT alias FROM artifact_aliases WHERE collection_id = ? AND artifact_id = ? ORDER BY id',
    )
    .all(membership.collection_id, membership.artifact_id);
  return names.concat(user.map((a) => a.alias));
}

/** Manifest entries of a version by path order, optionally only `names`, from `offset`. */
export function entriesOf(
  store: Store,
  artifactId: number,
  names: readonly string[] | null | undefined,
  offset: number,
  limit: number,
): { rows: EntryRow[]; total: number } {
  if (names && names.length > 0) {
    const all = store
      .prepare<EntryRow>('SELECT * FROM artifact_entries WHERE artifact_id = ? ORDER BY path')
      .all(artifactId)
      .filter((e) => names.includes(e.path));
    return { rows: all.slice(offset, offset + limit), total: all.length };
  }
  const total = (
    store
      .prepare<{ n: number }>('SELECT COUNT(*) AS n FROM artifact_entries WHERE artifact_id = ?')
      .get(artifactId) as {
      n: number;
    }
  ).n;
  const rows = store
    .prepare<EntryRow>('SELECT * FROM artifact_entries WHERE artifact_id = ? ORDER BY path LIMIT ? OFFSET ?')
    .all(artifactId, limit, offset);
  return { rows, total };
}

/** Every entry of a version, by path. */
export function allEntries(store: Store, artifactId: number): EntryRow[] {
  return store
    .prepare<EntryRow>('SELECT * FROM artifact_entries WHERE artifact_id = ? ORDER BY path')
    .all(artifactId);
}
