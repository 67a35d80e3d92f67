import { projectOf, runOf, type Context } from '../schema/context';
import type { ProjectRow, RunRow, UserRow } from '../store/rows';
import { findProject } from '../resolvers/query';
import type { TypeResolvers } from '../resolvers/types';
import { entityNode } from '../resolvers/user';
import { fromBase64, typedId } from '../util/ids';
import {
  aliasNodes,
  collectionEntity,
  collectionNode,
  entryFileNode,
  manifestNode,
  type AliasNode,
  type CollectionNode,
} from './nodes';
import { listConnection, MAX_FILES_PAGE, pageWindow, positionConnection } from './paging';
import {
  artifactById,
  collectionById,
  collectionByName,
  entriesOf,
  membershipByAlias,
  membershipsOf,
  splitVersionName,
  typeById,
} from './read';
import type { ArtifactRow, ArtifactTypeRow, CollectionRow, MembershipRow, OrganizationRow } from './rows';

interface PageArgs {
  after?: string | null;
  first?: number | null;
}

/** The row id inside a base64 `<Type>:<n>` id, or null. */
function rowIdOf(type: string, id: string): number | null {
  const text = fromBase64(id);
  if (!text.startsWith(`${type}:`)) return null;
  const n = Number(text.slice(type.length + 1));
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

/** The membership a `coll:alias` name points to in a project (optionally of one type). */
function membershipByName(
  ctx: Context,
  projectId: number,
  name: string,
  typeId?: number,
): MembershipRow | null {
  const { collection, alias } = splitVersionName(name);
  const row = collectionByName(ctx.store, projectId, collection, typeId);
  return (row && membershipByAlias(ctx.store, row.id, alias)) ?? null;
}

function artifactOfMembership(ctx: Context, m: MembershipRow | null): ArtifactRow | null {
  return m ? (artifactById(ctx.store, m.artifact_id) ?? null) : null;
}

function typeNamed(ctx: Context, projectId: number, name: string): ArtifactTypeRow | null {
  return (
    ctx.store
      .prepare<ArtifactTypeRow>('SELECT * FROM artifact_types WHERE project_id = ? AND name = ?')
      .get(projectId, name) ?? null
  );
}

function collectionsConnection(
  ctx: Context,
  projectId: number,
  args: PageArgs & { collectionTypes?: string[] | null },
  typeId?: number,
) {
  const all = ctx.store
    .prepare<CollectionRow>('SELECT * FROM artifact_collections WHERE project_id = ? ORDER BY id DESC')
    .all(projectId)
    .filter((c) => typeId === undefined || c.type_id === typeId)
    .filter((c) => !args.collectionTypes || args.collectionTypes.includes(c.kind));
  return listConnection('artifact-collection', all, args.after, args.first, collectionNode);
}

/** Files of one version; `entity` is the addressed collection's (fallback URLs). */
function filesConnection(
  ctx: Context,
  artifact: ArtifactRow,
  entity: string,
  args: PageArgs & { names?: string[] | null },
) {
  const { offset, size } = pageWindow('artifact-file', args.after, args.first, MAX_FILES_PAGE);
  const { rows, total } = entriesOf(ctx.store, artifact.id, args.names, offset, size);
  return positionConnection('artifact-file', rows, offset, total, (e) =>
    entryFileNode(ctx, artifact, e, entity),
  );
}

function sourceEntity(ctx: Context, artifact: ArtifactRow): string {
  return collectionEntity(ctx, artifact.sequence_id);
}

function runArtifacts(ctx: Context, run: RunRow, args: PageArgs, direction: 'output' | 'input') {
  const rows =
    direction === 'output'
      ? ctx.store
          .prepare<ArtifactRow>('SELECT * FROM artifacts WHERE creator_run_id = ? ORDER BY id')
          .all(run.id)
      : ctx.store
          .prepare<ArtifactRow>(
            'SELECT a.* FROM artifact_usage u JOIN artifacts a ON a.id = u.artifact_id WHERE u.run_id = ? ORDER BY a.id',
          )
          .all(run.id);
  return listConnection(`run-${direction}-artifact`, rows, args.after, args.first, (a) => a);
}

function isPersonal(ctx: Context, name: string): UserRow | undefined {
  return ctx.store.prepare<UserRow>('SELECT * FROM users WHERE entity = ? ORDER BY id LIMIT 1').get(name);
}

function organizationOfEntity(ctx: Context, name: string): OrganizationRow | null {
  return (
    ctx.store
      .prepare<OrganizationRow>(
        `SELECT o.* FROM organizations o WHERE o.org_entity = ?
         UNION SELECT o.* FROM organizations o JOIN organization_members m ON m.org_id = o.id WHERE m.entity_name = ?
         LIMIT 1`,
      )
      .get(name, name) ?? null
  );
}

/** Fields `Query` gains for artifacts and the registry. */
export const artifactQueryResolvers: TypeResolvers<unknown> = {
  artifact: (_r, args: { id: string }, ctx) => {
    const id = rowIdOf('Artifact', args.id);
    return id === null ? null : (artifactById(ctx.store, id) ?? null);
  },
  artifactCollection: (_r, args: { id: string }, ctx) => {
    const id = rowIdOf('ArtifactCollection', args.id);
    const row = id === null ? undefined : collectionById(ctx.store, id);
    return row ? collectionNode(row) : null;
  },
  entity: (_r, args: { name: string }, ctx) => {
    const known =
      ctx.store.prepare('SELECT 1 FROM entities WHERE name = ?').get(args.name) ??
      ctx.store.prepare('SELECT 1 FROM organizations WHERE org_entity = ?').get(args.name) ??
      isPersonal(ctx, args.name);
    return known ? entityNode(ctx, args.name) : null;
  },
  organization: (_r, args: { name: string }, ctx) =>
    ctx.store
      .prepare<OrganizationRow>('SELECT * FROM organizations WHERE name = ? OR org_entity = ? LIMIT 1')
      .get(args.name, args.name) ?? null,
};

/** Fields `Entity` gains: its organization, its user (personal entities), a project. */
export const artifactEntityResolvers: TypeResolvers<{ name: string }> = {
  organization: (e, _a, ctx) => (isPersonal(ctx, e.name) ? null : organizationOfEntity(ctx, e.name)),
  user: (e, _a, ctx) => isPersonal(ctx, e.name) ?? null,
  project: (e, args: { name: string }, ctx) => findProject(ctx, args.name, e.name),
};

/** Fields `User` gains: the organizations its entity or its teams belong to. */
export const artifactUserResolvers: TypeResolvers<UserRow> = {
  organizations: (u, _a, ctx) => {
    const entities = [u.entity, ...(JSON.parse(u.teams) as string[])];
    return ctx.store
      .prepare<OrganizationRow>(
        `SELECT DISTINCT o.* FROM organizations o JOIN organization_members m ON m.org_id = o.id
         WHERE m.entity_name IN (SELECT value FROM json_each(?)) ORDER BY o.id`,
      )
      .all(JSON.stringify(entities));
  },
};

/** Resolvers of `Organization`. */
export const organizationResolvers: TypeResolvers<OrganizationRow> = {
  id: (o) => typedId('Organization', o.id),
  name: (o) => o.name,
  orgEntity: (o, _a, ctx) => entityNode(ctx, o.org_entity),
};

/** Fields `Project` gains for artifacts. */
export const artifactProjectResolvers: TypeResolvers<ProjectRow> = {
  artifactType: (p, args: { name: string }, ctx) => typeNamed(ctx, p.id, args.name),
  artifactTypes: (p, args: PageArgs, ctx) =>
    listConnection(
      'artifact-type',
      ctx.store
        .prepare<ArtifactTypeRow>('SELECT * FROM artifact_types WHERE project_id = ? ORDER BY id')
        .all(p.id),
      args.after,
      args.first,
      (t) => t,
    ),
  artifactCollection: (p, args: { name: string }, ctx) => {
    const row = collectionByName(ctx.store, p.id, args.name);
    return row ? collectionNode(row) : null;
  },
  artifactCollections: (p, args: PageArgs & { collectionTypes?: string[] | null }, ctx) =>
    collectionsConnection(ctx, p.id, args),
  artifactCollectionMembership: (p, args: { name: string }, ctx) => membershipByName(ctx, p.id, args.name),
  artifact: (p, args: { name: string }, ctx) =>
    artifactOfMembership(ctx, membershipByName(ctx, p.id, args.name)),
};

/** Fields `Run` gains: the versions it logged and used. */
export const artifactRunResolvers: TypeResolvers<RunRow> = {
  outputArtifacts: (r, args: PageArgs, ctx) => runArtifacts(ctx, r, args, 'output'),
  inputArtifacts: (r, args: PageArgs, ctx) => runArtifacts(ctx, r, args, 'input'),
};

/** Resolvers of `ArtifactType`. */
export const artifactTypeResolvers: TypeResolvers<ArtifactTypeRow> = {
  id: (t) => typedId('ArtifactType', t.id),
  name: (t) => t.name,
  description: (t) => t.description,
  createdAt: (t) => t.created_at,
  artifactCollection: (t, args: { name: string }, ctx) => {
    const row = collectionByName(ctx.store, t.project_id, args.name, t.id);
    return row ? collectionNode(row) : null;
  },
  artifactCollections: (t, args: PageArgs, ctx) => collectionsConnection(ctx, t.project_id, args, t.id),
  artifact: (t, args: { name: string }, ctx) =>
    artifactOfMembership(ctx, membershipByName(ctx, t.project_id, args.name, t.id)),
};

function membershipsConnection(ctx: Context, rows: MembershipRow[], args: PageArgs) {
  return listConnection('artifact-membership', rows, args.after, args.first, (m) => m);
}

/** Resolvers of `ArtifactSequence` and `ArtifactPortfolio`. */
export const collectionResolvers: TypeResolvers<CollectionNode> = {
  id: (c) => typedId('ArtifactCollection', c.id),
  name: (c) => c.name,
  description: (c) => c.description,
  createdAt: (c) => c.created_at,
  updatedAt: (c) => c.updated_at,
  project: (c, _a, ctx) => projectOf(ctx, c.project_id),
  defaultArtifactType: (c, _a, ctx) => typeById(ctx.store, c.type_id),
  tags: (c, args: PageArgs) =>
    listConnection(
      'artifact-collection-tag',
      JSON.parse(c.tags) as string[],
      args.after,
      args.first,
      (name) => ({ id: typedId('Tag', name), name }),
    ),
  aliases: (c, args: PageArgs, ctx) => {
    const memberships = ctx.store
      .prepare<MembershipRow>(
        'SELECT * FROM artifact_memberships WHERE collection_id = ? ORDER BY version_index',
      )
      .all(c.id);
    const all = memberships.flatMap((m) => aliasNodes(ctx, m));
    return listConnection('artifact-alias', all, args.after, args.first, (a) => a);
  },
  artifacts: (c, args: PageArgs & { filters?: string | null }, ctx) => {
    let state: string | null = null;
    if (args.filters) {
      const filters = JSON.parse(args.filters) as { state?: unknown };
      if (typeof filters.state === 'string') state = filters.state;
    }
    const rows = ctx.store
      .prepare<MembershipRow & { state: string }>(
        `SELECT m.*, a.state FROM artifact_memberships m JOIN artifacts a ON a.id = m.artifact_id
         WHERE m.collection_id = ? ORDER BY m.version_index DESC`,
      )
      .all(c.id)
      .filter((m) => state === null || m.state === state);
    return listConnection(
      'collection-artifact',
      rows,
      args.after,
      args.first,
      (m) => artifactById(ctx.store, m.artifact_id),
      1000,
      (m) => ({ version: `v${m.version_index}` }),
    );
  },
  artifactMembership: (c, args: { aliasName: string }, ctx) =>
    membershipByAlias(ctx.store, c.id, args.aliasName) ?? null,
  artifactMemberships: (c, args: PageArgs, ctx) =>
    membershipsConnection(
      ctx,
      ctx.store
        .prepare<MembershipRow>(
          'SELECT * FROM artifact_memberships WHERE collection_id = ? ORDER BY version_index DESC',
        )
        .all(c.id),
      args,
    ),
};

/** Resolvers of `ArtifactAlias`. */
export const aliasResolvers: TypeResolvers<AliasNode> = {
  artifactCollection: (a, _args, ctx) => {
    const row = collectionById(ctx.store, a.collectionId);
    return row ? collectionNode(row) : null;
  },
};

/** Resolvers of `ArtifactCollectionMembership`. */
export const membershipResolvers: TypeResolvers<MembershipRow> = {
  id: (m) => typedId('ArtifactCollectionMembership', m.id),
  versionIndex: (m) => m.version_index,
  createdAt: (m) => m.created_at,
  aliases: (m, _a, ctx) => aliasNodes(ctx, m),
  artifactCollection: (m, _a, ctx) => {
    const row = collectionById(ctx.store, m.collection_id);
    return row ? collectionNode(row) : null;
  },
  artifact: (m, _a, ctx) => artifactById(ctx.store, m.artifact_id) ?? null,
  files: (m, args: PageArgs & { names?: string[] | null }, ctx) => {
    const artifact = artifactById(ctx.store, m.artifact_id);
    return artifact ? filesConnection(ctx, artifact, collectionEntity(ctx, m.collection_id), args) : null;
  },
};

/** Resolvers of `Artifact`. */
export const artifactResolvers: TypeResolvers<ArtifactRow> = {
  id: (a) => typedId('Artifact', a.id),
  artifactSequence: (a, _x, ctx) => collectionNode(collectionById(ctx.store, a.sequence_id) as CollectionRow),
  versionIndex: (a) => a.version_index,
  artifactType: (a, _x, ctx) =>
    typeById(ctx.store, (collectionById(ctx.store, a.sequence_id) as CollectionRow).type_id),
  description: (a) => a.description,
  metadata: (a) => a.metadata,
  ttlDurationSeconds: (a) => a.ttl_seconds,
  ttlIsInherited: () => false,
  tags: (a) => (JSON.parse(a.tags) as string[]).map((name) => ({ id: typedId('Tag', name), name })),
  historyStep: (a) => a.history_step,
  state: (a) => a.state,
  size: (a) => a.size,
  digest: (a) => a.digest,
  commitHash: (a) => a.commit_hash,
  fileCount: (a) => a.file_count,
  createdAt: (a) => a.created_at,
  updatedAt: (a) => a.updated_at,
  aliases: (a, _x, ctx) => membershipsOf(ctx.store, a.id).flatMap((m) => aliasNodes(ctx, m)),
  currentManifest: (a, _x, ctx) => manifestNode(ctx, a),
  files: (a, args: PageArgs & { names?: string[] | null }, ctx) =>
    filesConnection(ctx, a, sourceEntity(ctx, a), args),
  usedBy: (a, args: PageArgs, ctx) =>
    listConnection(
      'artifact-user',
      ctx.store
        .prepare<{ run_id: number }>(
          'SELECT run_id FROM artifact_usage WHERE artifact_id = ? ORDER BY run_id',
        )
        .all(a.id),
      args.after,
      args.first,
      (u) => runOf(ctx, u.run_id),
    ),
  createdBy: (a, _x, ctx) =>
    a.creator_run_id === null ? null : { ...runOf(ctx, a.creator_run_id), __typename: 'Run' },
  artifactMemberships: (a, args: PageArgs, ctx) =>
    membershipsConnection(ctx, membershipsOf(ctx.store, a.id), args),
};
