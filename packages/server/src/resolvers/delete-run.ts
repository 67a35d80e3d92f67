import type { Context } from '../schema/context';
import { wasRunDeleted } from '../store/deleted-runs';
import { parseRunGraphqlId } from '../util/ids';
import { UserInputError } from '../util/user-input-error';

/**
 * Deletes the run of a GraphQL run id. A run that was already deleted succeeds again, as on W&B
 * (wandb/wandb `wandb/apis/public/runs.py` `delete`); an id of a run that never existed is a "run not found" error.
 */
export function deleteRunById(ctx: Context, id: string): void {
  const parts = parseRunGraphqlId(id);
  const run = parts && ctx.store.run(parts.entity, parts.project, parts.name);
  if (run) ctx.store.deleteRun(run.id);
  else if (!parts || !wasRunDeleted(ctx.store, parts.entity, parts.project, parts.name)) {
    throw new UserInputError(`run not found: ${id}`);
  }
}
