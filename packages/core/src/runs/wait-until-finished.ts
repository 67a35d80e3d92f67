import { RunStateDocument } from '@wbapi/gql';
import { NotFoundError } from '../errors';
import type { RequestOptions } from '../api/context';
import type { Platform } from '../platform';
import { abortableSleep } from '../transport/abort';
import { describeRun } from './run-attrs';
import type { Run } from './run';

/** States after which a run no longer changes. */
export const FINAL_RUN_STATES: ReadonlySet<string> = new Set(['finished', 'crashed', 'failed']);

/** Options of `run.waitUntilFinished()`. */
export interface WaitOptions extends RequestOptions {
  /** Time between two state queries, in ms. @defaultValue 5_000 */
  intervalMs?: number;
}

/** Polls the run's state until it is final (`finished`, `crashed`, `failed`) and returns it. */
export async function waitUntilFinished<P extends Platform>(
  run: Run<P>,
  options: WaitOptions,
): Promise<string> {
  const { intervalMs = 5_000, ...call } = options;
  for (;;) {
    const result = await run.context.client.request(
      RunStateDocument,
      { entity: run.entity, project: run.project, name: run.id },
      { cache: false, ...call },
    );
    const found = result.project?.run;
    if (!found)
      throw new NotFoundError(
        `Could not find run ${describeRun(run.entity, run.project, run.id, 'not found')}`,
      );
    if (found.state && FINAL_RUN_STATES.has(found.state)) return found.state;
    await abortableSleep(intervalMs, call.signal);
  }
}
