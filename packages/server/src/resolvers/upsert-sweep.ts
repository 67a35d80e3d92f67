import { parse as parseYaml } from 'yaml';
import { compileRunFilter } from '../query';
import type { Context } from '../schema/context';
import type { SweepRow } from '../store/rows';
import { upsertProject } from '../store/write-objects';
import { fromBase64 } from '../util/ids';
import { randomId } from '../util/random-id';
import { wandbTimestamp } from '../util/time';
import { UserInputError } from '../util/user-input-error';
import { parseWandbJson } from '../util/wandb-json';
import { sweepConfigWarnings } from './sweep-config-warnings';
import type { TypeResolvers } from './types';

/** `UpsertSweepInput` as the resolver sees it (controller, scheduler, ... are accepted and not kept). */
export interface UpsertSweepInput {
  id?: string | null;
  config?: string | null;
  description?: string | null;
  entityName?: string | null;
  projectName?: string | null;
  state?: string | null;
  priorRunsFilters?: string | null;
  displayName?: string | null;
}

/** Sweep states W&B uses (`wandb sweep --pause/--resume/--stop/--cancel` send the last four). */
const STATES = ['PENDING', 'RUNNING', 'PAUSED', 'FINISHED', 'CANCELED'];

/** A sweep config: YAML text holding a mapping. */
function parseConfig(text: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = parseYaml(text);
  } catch (error) {
    throw new UserInputError(`sweep config is not valid YAML: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UserInputError('sweep config must be a YAML mapping');
  }
  return parsed as Record<string, unknown>;
}

function checkState(state: string): string {
  if (!STATES.includes(state)) {
    throw new UserInputError(`invalid sweep state ${JSON.stringify(state)}: use one of ${STATES.join(', ')}`);
  }
  return state;
}

/** The sweep of a storage id (base64 of `Sweep:<n>`). */
function sweepByStorageId(ctx: Context, id: string): SweepRow {
  const match = /^Sweep:(\d+)$/.exec(fromBase64(id));
  const row = match
    ? ctx.store.prepare<SweepRow>('SELECT * FROM sweeps WHERE id = ?').get(Number(match[1]))
    : undefined;
  if (!row) throw new UserInputError(`sweep not found: ${id}`);
  return row;
}

/** A sweep id (8 lowercase letters and digits) that no sweep of the project has. */
function newSweepName(ctx: Context, projectId: number): string {
  const taken = ctx.store.prepare('SELECT 1 FROM sweeps WHERE project_id = ? AND name = ?');
  for (;;) {
    const name = randomId(8);
    if (!taken.get(projectId, name)) return name;
  }
}

/** Puts the project's runs matching `filtersText` (a runs filter) into the sweep. */
function addPriorRuns(ctx: Context, sweep: SweepRow, filtersText: string): void {
  let filter: unknown;
  try {
    filter = parseWandbJson(filtersText);
  } catch {
    throw new UserInputError('priorRunsFilters is not valid JSON');
  }
  const { sql, params } = compileRunFilter(filter);
  ctx.store
    .prepare(`UPDATE runs AS r SET sweep_name = ? WHERE r.project_id = ? AND ${sql}`)
    .run(sweep.name, sweep.project_id, ...params);
}

function createSweep(ctx: Context, input: UpsertSweepInput, config: Record<string, unknown>): SweepRow {
  const entity = input.entityName ?? ctx.viewer?.entity;
  if (!entity) throw new UserInputError('entityName is required');
  const project = upsertProject(ctx.store, { entity, name: input.projectName ?? 'uncategorized' });
  const now = wandbTimestamp();
  return ctx.store
    .prepare<SweepRow>(
      `INSERT INTO sweeps (project_id, name, display_name, method, state, description, config, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
    )
    .get(
      project.id,
      newSweepName(ctx, project.id),
      input.displayName ?? null,
      typeof config.method === 'string' ? config.method : '',
      // A new sweep accepts agents at once: the SDK's own pause command needs RUNNING or PAUSED.
      checkState(input.state ?? 'RUNNING'),
      input.description ?? null,
      input.config,
      now,
      now,
    ) as SweepRow;
}

/** Changes the fields given (null means "keep": the SDK sends nulls for what it does not change). */
function updateSweep(
  ctx: Context,
  sweep: SweepRow,
  input: UpsertSweepInput,
  config: Record<string, unknown> | null,
): SweepRow {
  const sets = ['updated_at = ?'];
  const params: unknown[] = [wandbTimestamp()];
  const set = (column: string, value: unknown): void => {
    sets.push(`${column} = ?`);
    params.push(value);
  };
  if (config && input.config) {
    set('config', input.config);
    set('method', typeof config.method === 'string' ? config.method : '');
  }
  if (input.description != null) set('description', input.description);
  if (input.displayName != null) set('display_name', input.displayName);
  if (input.state != null) set('state', checkState(input.state));
  return ctx.store
    .prepare<SweepRow>(`UPDATE sweeps SET ${sets.join(', ')} WHERE id = ? RETURNING *`)
    .get(...params, sweep.id) as SweepRow;
}

/** Resolvers of `Mutation.upsertSweep` (wandb/wandb `wandb/sdk/internal/internal_api.py` `upsert_sweep`). */
export const sweepMutationResolvers: TypeResolvers<unknown> = {
  upsertSweep: (_root, args: { input: UpsertSweepInput }, ctx) =>
    ctx.store.transaction(() => {
      const input = args.input;
      const config = input.config != null ? parseConfig(input.config) : null;
      let sweep: SweepRow;
      if (input.id) sweep = updateSweep(ctx, sweepByStorageId(ctx, input.id), input, config);
      else if (config) sweep = createSweep(ctx, input, config);
      else throw new UserInputError('config is required to create a sweep');
      if (input.priorRunsFilters != null) addPriorRuns(ctx, sweep, input.priorRunsFilters);
      return { sweep, configValidationWarnings: config ? sweepConfigWarnings(config) : [] };
    }),
};
