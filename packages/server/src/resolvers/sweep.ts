import { parse as parseYaml } from 'yaml';
import type { Context } from '../schema/context';
import type { SweepRow } from '../store/rows';
import { typedId } from '../util/ids';
import { MAX_PAGE_SIZE, pageSize } from '../util/limits';
import { listRuns } from './run-listing';
import type { TypeResolvers } from './types';

/** The sweep's `metric` (name and goal) from its YAML config, or null. */
export function sweepMetric(config: string): { name: string; goal: string } | null {
  try {
    const parsed = parseYaml(config) as { metric?: { name?: unknown; goal?: unknown } } | null;
    const name = parsed?.metric?.name;
    if (typeof name !== 'string' || name === '') return null;
    return { name, goal: typeof parsed?.metric?.goal === 'string' ? parsed.metric.goal : 'minimize' };
  } catch {
    return null;
  }
}

/** Best value of the sweep metric over the sweep's runs' summaries (min unless the goal is maximize). */
function bestLoss(ctx: Context, sweep: SweepRow): number | null {
  const metric = sweepMetric(sweep.config);
  if (!metric) return null;
  const path = `$."${metric.name.replace(/"/g, '\\"')}"`;
  const aggregate = metric.goal === 'maximize' ? 'MAX' : 'MIN';
  const row = ctx.store
    .prepare<{ best: number | null }>(
      `SELECT ${aggregate}(json_extract(summary_metrics, ?)) AS best FROM runs
       WHERE project_id = ? AND sweep_name = ? AND json_type(summary_metrics, ?) IN ('integer', 'real')`,
    )
    .get(path, sweep.project_id, sweep.name, path);
  return row?.best ?? null;
}

/** Resolvers of `Sweep` (source: a sweeps row). */
export const sweepResolvers: TypeResolvers<SweepRow> = {
  id: (s) => typedId('Sweep', s.id),
  name: (s) => s.name,
  displayName: (s) => s.display_name,
  method: (s) => s.method,
  state: (s) => s.state,
  description: (s) => s.description,
  bestLoss: (s, _args, ctx) => bestLoss(ctx, s),
  config: (s) => s.config,
  createdAt: (s) => s.created_at,
  updatedAt: (s) => s.updated_at,
  runCount: (s, _args, ctx) =>
    (
      ctx.store
        .prepare<{ n: number }>('SELECT COUNT(*) AS n FROM runs WHERE project_id = ? AND sweep_name = ?')
        .get(s.project_id, s.name) as { n: number }
    ).n,
  runCountExpected: (s) => s.run_count_expected,
  // Seed-era clients ask for the runs without `first` and expect all of them: up to the page cap.
  runs: (s, args: { order?: string | null; first?: number | null; after?: string | null }, ctx) =>
    listRuns(ctx, s.project_id, {
      filters: { sweep: s.name },
      order: args.order,
      after: args.after,
      size: args.first === null || args.first === undefined ? MAX_PAGE_SIZE : pageSize(args.first),
    }),
};
