import { projectOf } from '../schema/context';
import type { FileRow, RunRow, SweepRow } from '../store/rows';
import { idCursor, parseIdCursor } from '../util/cursor';
import { runGraphqlId } from '../util/ids';
import { pageSize } from '../util/limits';
import { projectJsonObject } from '../util/json-top-level';
import { parseWandbJson } from '../util/wandb-json';
import { toConnection } from './connection';
import { eventsRows, historyRows, sampledHistory } from './history';
import { parquetHistory } from './parquet-history';
import type { TypeResolvers } from './types';
import { userByUsername } from './user';

/** Files of a run by exact names (upload order) or a SQL LIKE pattern, after an id cursor. */
function listFiles(
  run: RunRow,
  args: {
    names?: (string | null)[] | null;
    after?: string | null;
    first?: number | null;
    pattern?: string | null;
  },
  prepare: (sql: string) => { all(...params: unknown[]): unknown[] },
) {
  const size = pageSize(args.first);
  const names = (args.names ?? []).filter((n): n is string => typeof n === 'string');
  const params: unknown[] = [run.id, parseIdCursor('file', args.after)];
  let where = 'run_id = ? AND id > ?';
  if (names.length > 0) {
    where += ` AND name IN (SELECT value FROM json_each(?))`;
    params.push(JSON.stringify(names));
  }
  if (args.pattern !== null && args.pattern !== undefined) {
    where += ' AND name LIKE ?';
    params.push(args.pattern);
  }
  params.push(size + 1);
  const rows = prepare(
    `SELECT id, run_id, name, mimetype, size_bytes, md5, updated_at, disk_path FROM files WHERE ${where} ORDER BY id LIMIT ?`,
  ).all(...params) as FileRow[];
  return toConnection(
    rows,
    size,
    (f) => idCursor('file', f.id),
    (file) => ({ file, run }),
  );
}

/** Resolvers of `Run` (source: a runs row). */
export const runResolvers: TypeResolvers<RunRow> = {
  id: (r, _args, ctx) => {
    const project = projectOf(ctx, r.project_id);
    return runGraphqlId(r.name, project.name, project.entity_name);
  },
  name: (r) => r.name,
  displayName: (r) => r.display_name,
  tags: (r) => JSON.parse(r.tags) as string[],
  sweepName: (r) => r.sweep_name,
  state: (r) => r.state,
  group: (r) => r.group_name,
  jobType: (r) => r.job_type,
  commit: (r) => r.commit_hash,
  readOnly: (r) => r.read_only === 1,
  createdAt: (r) => r.created_at,
  heartbeatAt: (r) => r.heartbeat_at,
  updatedAt: (r) => r.updated_at,
  description: (r) => r.description,
  notes: (r) => r.notes,
  host: (r) => r.host,
  config: (r, args: { keys?: string[] | null }) => projectJsonObject(r.config, args.keys),
  summaryMetrics: (r, args: { keys?: string[] | null }) => projectJsonObject(r.summary_metrics, args.keys),
  systemMetrics: (r) => r.system_metrics,
  historyLineCount: (r) => r.history_line_count,
  eventsLineCount: (r) => r.events_line_count,
  historyKeys: (r) => parseWandbJson(r.history_keys),
  user: (r, _args, ctx) => userByUsername(ctx, r.username),
  projectId: (r) => r.project_id,
  project: (r, _args, ctx) => projectOf(ctx, r.project_id),
  sweep: (r, _args, ctx) =>
    r.sweep_name === null
      ? null
      : (ctx.store
          .prepare<SweepRow>('SELECT * FROM sweeps WHERE project_id = ? AND name = ?')
          .get(r.project_id, r.sweep_name) ?? null),
  fileCount: (r, _args, ctx) =>
    (
      ctx.store.prepare<{ n: number }>('SELECT COUNT(*) AS n FROM files WHERE run_id = ?').get(r.id) as {
        n: number;
      }
    ).n,
  files: (r, args, ctx) => listFiles(r, args, (sql) => ctx.store.prepare(sql)),
  history: (r, args: { samples?: number | null; minStep?: number | null; maxStep?: number | null }, ctx) =>
    historyRows(ctx.store, r, args),
  events: (r, args: { samples?: number | null }, ctx) => eventsRows(ctx.store, r, args.samples),
  sampledHistory: (r, args: { specs: string[] }, ctx) =>
    args.specs.map((spec) => sampledHistory(ctx.store, r, spec)),
  parquetHistory: (r, args: { liveKeys: string[] }, ctx) => parquetHistory(ctx, r, args.liveKeys),
};
