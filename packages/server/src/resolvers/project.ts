import type { ProjectRow, RunRow, SweepRow, UserRow, ViewRow } from '../store/rows';
import type { Store } from '../store/store';
import { idCursor, parseIdCursor } from '../util/cursor';
import { typedId } from '../util/ids';
import { pageSize } from '../util/limits';
import { toConnection } from './connection';
import { countRuns, listRuns } from './run-listing';
import type { TypeResolvers } from './types';
import { entityNode } from './user';

interface RunsArgs {
  filters?: string | null;
  after?: string | null;
  first?: number | null;
  order?: string | null;
}

/** Resolvers of `Project` (source: a projects row). */
export const projectResolvers: TypeResolvers<ProjectRow> = {
  id: (p) => typedId('Project', p.id),
  internalId: (p) => String(p.id),
  name: (p) => p.name,
  entityName: (p) => p.entity_name,
  entity: (p, _args, ctx) => entityNode(ctx, p.entity_name),
  createdAt: (p) => p.created_at,
  isBenchmark: () => false,
  readOnly: () => false,
  description: (p) => p.description,
  user: (p, _args, ctx) =>
    ctx.store
      .prepare<UserRow>('SELECT * FROM users WHERE entity = ? ORDER BY id LIMIT 1')
      .get(p.entity_name) ?? null,
  runCount: (p, args: { filters?: string | null }, ctx) => countRuns(ctx, p.id, args.filters),
  runs: (p, args: RunsArgs, ctx) =>
    listRuns(ctx, p.id, {
      filters: args.filters,
      order: args.order,
      after: args.after,
      size: pageSize(args.first),
    }),
  run: (p, args: { name: string }, ctx) => findRun(ctx.store, p.id, args.name),
  bucket: (p, args: { name: string }, ctx) => findRun(ctx.store, p.id, args.name),
  sweep: (p, args: { sweepName: string }, ctx) =>
    ctx.store
      .prepare<SweepRow>('SELECT * FROM sweeps WHERE project_id = ? AND name = ?')
      .get(p.id, args.sweepName) ?? null,
  sweeps: (p, args: { after?: string | null; first?: number | null }, ctx) => {
    const size = pageSize(args.first);
    const rows = ctx.store
      .prepare<SweepRow>('SELECT * FROM sweeps WHERE project_id = ? AND id > ? ORDER BY id LIMIT ?')
      .all(p.id, parseIdCursor('sweep', args.after), size + 1);
    return toConnection(
      rows,
      size,
      (s) => idCursor('sweep', s.id),
      (s) => s,
    );
  },
  totalSweeps: (p, _args, ctx) =>
    (
      ctx.store.prepare<{ n: number }>('SELECT COUNT(*) AS n FROM sweeps WHERE project_id = ?').get(p.id) as {
        n: number;
      }
    ).n,
  allViews: (
    p,
    args: {
      viewType?: string | null;
      viewName?: string | null;
      first?: number | null;
      after?: string | null;
    },
    ctx,
  ) => {
    const size = pageSize(args.first);
    const rows = ctx.store
      .prepare<ViewRow>(
        `SELECT * FROM views WHERE project_id = ? AND id > ? AND (? IS NULL OR type = ?) AND (? IS NULL OR name = ?)
         ORDER BY id LIMIT ?`,
      )
      .all(
        p.id,
        parseIdCursor('view', args.after),
        args.viewType ?? null,
        args.viewType ?? null,
        args.viewName ?? null,
        args.viewName ?? null,
        size + 1,
      );
    return toConnection(
      rows,
      size,
      (v) => idCursor('view', v.id),
      (v) => v,
    );
  },
};

/** A run of a project by its run id, or null. */
export function findRun(store: Store, projectId: number, name: string): RunRow | null {
  return (
    store.prepare<RunRow>('SELECT * FROM runs WHERE project_id = ? AND name = ?').get(projectId, name) ?? null
  );
}
