import type { Context } from '../schema/context';
import type { RunRow } from '../store/rows';
import { upsertProject } from '../store/write-objects';
import { parseRunGraphqlId } from '../util/ids';
import { randomId } from '../util/random-id';
import { wandbTimestamp } from '../util/time';
import { UserInputError } from '../util/user-input-error';
import { parseWandbJson } from '../util/wandb-json';
import { deleteRunById } from './delete-run';
import type { TypeResolvers } from './types';

type UpsertInput = Record<string, unknown> & { id?: string | null; name?: string | null };

/** Input fields that map one-to-one onto a runs column. */
const COLUMNS: Record<string, string> = {
  groupName: 'group_name',
  description: 'description',
  displayName: 'display_name',
  notes: 'notes',
  jobType: 'job_type',
  state: 'state',
  commit: 'commit_hash',
  host: 'host',
  sweep: 'sweep_name',
};

function jsonObjectText(value: unknown, field: string): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  let parsed: unknown;
  try {
    parsed = parseWandbJson(text);
  } catch {
    throw new UserInputError(`${field} is not valid JSON`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new UserInputError(`${field} must be a JSON object`);
  }
  return text;
}

function findRunById(ctx: Context, id: string): RunRow {
  const parts = parseRunGraphqlId(id);
  const run = parts && ctx.store.run(parts.entity, parts.project, parts.name);
  if (!run) throw new UserInputError(`run not found: ${id}`);
  return run;
}

/** Applies the fields present in `input` (explicit null stores null); config, summary and tags replace. */
function updateRun(ctx: Context, run: RunRow, input: UpsertInput): RunRow {
  const sets: string[] = ['updated_at = ?'];
  const params: unknown[] = [wandbTimestamp()];
  for (const [field, column] of Object.entries(COLUMNS)) {
    if (field in input) {
      sets.push(`${column} = ?`);
      params.push(input[field] ?? null);
    }
  }
  if ('tags' in input) {
    sets.push('tags = ?');
    params.push(JSON.stringify(input.tags ?? []));
  }
  if (input.config !== undefined && input.config !== null) {
    sets.push('config = ?');
    params.push(jsonObjectText(input.config, 'config'));
  }
  if (input.summaryMetrics !== undefined && input.summaryMetrics !== null) {
    sets.push('summary_metrics = ?');
    params.push(jsonObjectText(input.summaryMetrics, 'summaryMetrics'));
  }
  return ctx.store
    .prepare<RunRow>(`UPDATE runs SET ${sets.join(', ')} WHERE id = ? RETURNING *`)
    .get(...params, run.id) as RunRow;
}

function createRun(ctx: Context, input: UpsertInput): RunRow {
  const entity = (input.entityName as string | null | undefined) ?? ctx.viewer?.entity;
  if (!entity) throw new UserInputError('entityName is required');
  const project = upsertProject(ctx.store, {
    entity,
    name: (input.modelName as string | null | undefined) ?? 'uncategorized',
  });
  const now = wandbTimestamp();
  return ctx.store
    .prepare<RunRow>(
      `INSERT INTO runs (project_id, name, state, created_at, heartbeat_at, updated_at, username)
       VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *`,
    )
    .get(
      project.id,
      input.name ?? randomId(),
      'running',
      now,
      now,
      now,
      ctx.viewer?.username ?? null,
    ) as RunRow;
}

/** Resolvers of `Mutation`. */
export const mutationResolvers: TypeResolvers<unknown> = {
  upsertBucket: (_root, args: { input: UpsertInput }, ctx) =>
    ctx.store.transaction(() => {
      const input = args.input;
      if (input.id) return { bucket: updateRun(ctx, findRunById(ctx, input.id), input), inserted: false };
      const entity = (input.entityName as string | null | undefined) ?? ctx.viewer?.entity ?? '';
      const project = (input.modelName as string | null | undefined) ?? 'uncategorized';
      const existing = input.name ? ctx.store.run(entity, project, input.name) : undefined;
      const run = existing ?? createRun(ctx, input);
      return { bucket: updateRun(ctx, run, input), inserted: !existing };
    }),
  deleteRun: (_root, args: { input: { id: string; clientMutationId?: string | null } }, ctx) => {
    deleteRunById(ctx, args.input.id);
    return { clientMutationId: args.input.clientMutationId ?? null };
  },
};
