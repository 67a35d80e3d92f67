import { NotFoundError } from '../errors/not-found-error';
import type { RunRef } from '../paths/refs';
import { describeRun } from './run-attrs';

/**
 * The one NotFoundError for a run the server does not have (or a run without a storage id):
 * `Could not find run <Run e/p/id (state)>`.
 */
export function runNotFound(ref: RunRef, state = 'not found'): NotFoundError {
  return new NotFoundError(`Could not find run ${describeRun(ref.entity, ref.project, ref.id, state)}`);
}
