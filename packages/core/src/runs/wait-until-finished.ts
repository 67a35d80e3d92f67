import { RunStateDocument } from '@wbapi/gql';
import type { RunRef } from '../paths/refs';
import type { RequestOptions, Session } from '../session/session';
import { abortableSleep } from '../transport/abort';
import { runNotFound } from './run-not-found';

/** States after which a run no longer changes. */
export const FINAL_RUN_STATES: ReadonlySet<string> = new Set(['finished', 'crashed', 'failed']);

/** Options of `run.waitUntilFinished()`. */
export interface WaitOptions extends RequestOptions {
  /** Time between two state queries, in ms. @defaultValue 5_000 */
  intervalMs?: number;
}

/** Polls the run's state until it is final (`finished`, `crashed`, `failed`) and returns it. */
export async function waitUntilFinished(
  session: Session,
  run: RunRef,
  options: WaitOptions = {},
): Promise<string> {
  const { intervalMs = 5_000, ...call } = options;
  for (;;) {
    const result = await session.client.request(
      RunStateDocument,
      { entity: run.entity, project: run.project, name: run.id },
      { cache: false, ...call },
    );
    const found = result.project?.run;
    if (!found) throw runNotFound(run);
    if (found.state && FINAL_RUN_STATES.has(found.state)) return found.state;
    await abortableSleep(intervalMs, call.signal);
  }
}
