import { RunHistoryKeysDocument } from '@wbapi/gql';
import type { RunRef } from '../paths/refs';
import type { RequestOptions, Session } from '../session/session';

/** A run's last history step, fetched on every call (never cached); −1 when it has no history. */
export async function lastHistoryStep(
  session: Session,
  run: RunRef,
  options: RequestOptions = {},
): Promise<number> {
  const result = await session.client.request(
    RunHistoryKeysDocument,
    { entity: run.entity, project: run.project, name: run.id },
    { cache: false, ...options },
  );
  const keys = result.project?.run?.historyKeys as { lastStep?: unknown } | null | undefined;
  return typeof keys?.lastStep === 'number' ? keys.lastStep : -1;
}
