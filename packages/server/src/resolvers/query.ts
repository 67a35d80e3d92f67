import { ARTIFACT_FEATURES } from '../artifacts/features';
import type { Context } from '../schema/context';
import type { ProjectRow } from '../store/rows';
import { idCursor, parseIdCursor } from '../util/cursor';
import { pageSize } from '../util/limits';
import { toConnection } from './connection';
import type { TypeResolvers } from './types';

/** The package version reported by `serverInfo`. */
export const SERVER_VERSION = '0.0.0';

/** A project by name and entity (null entity: the viewer's); null when missing. */
export function findProject(ctx: Context, name: string | null, entityName: string | null): ProjectRow | null {
  const entity = entityName ?? ctx.viewer?.entity;
  if (!name || !entity) return null;
  const project = ctx.store.project(entity, name) ?? null;
  if (project) ctx.projects.set(project.id, project);
  return project;
}

/** Resolvers of `Query`. */
export const queryResolvers: TypeResolvers<unknown> = {
  viewer: (_root, _args, ctx) => ctx.viewer,
  models: (
    _root,
    args: { entityName?: string | null; after?: string | null; first?: number | null },
    ctx,
  ) => {
    const entity = args.entityName ?? ctx.viewer?.entity ?? '';
    const size = pageSize(args.first);
    const rows = ctx.store
      .prepare<ProjectRow>('SELECT * FROM projects WHERE entity_name = ? AND id > ? ORDER BY id LIMIT ?')
      .all(entity, parseIdCursor('project', args.after), size + 1);
    return toConnection(
      rows,
      size,
      (p) => idCursor('project', p.id),
      (p) => p,
    );
  },
  project: (_root, args: { name?: string | null; entityName?: string | null }, ctx) =>
    findProject(ctx, args.name ?? null, args.entityName ?? null),
  model: (_root, args: { name?: string | null; entityName?: string | null }, ctx) =>
    findProject(ctx, args.name ?? null, args.entityName ?? null),
  serverInfo: () => ({
    cliVersionInfo: {},
    latestLocalVersionInfo: {
      outOfDate: false,
      latestVersionString: SERVER_VERSION,
      versionOnThisInstanceString: SERVER_VERSION,
    },
    features: ARTIFACT_FEATURES,
  }),
};
