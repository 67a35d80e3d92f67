import { RunHistoryKeysDocument } from '@wbapi/gql';
import type { RequestOptions } from '../api/context';
import type { Platform } from '../platform';
import type { Run } from '../runs/run';

/** A run's last history step, asked anew (no cache); −1 when the run has no history. */
export async function lastHistoryStep<P extends Platform>(
  run: Run<P>,
  options: RequestOptions,
): Promise<number> {
  const result = await run.context.client.request(
    RunHistoryKeysDocument,
    { entity: run.entity, project: run.project, name: run.id },
    { cache: false, ...options },
  );
  const keys = result.project?.run?.historyKeys as { lastStep?: unknown } | null | undefined;
  return typeof keys?.lastStep === 'number' ? keys.lastStep : -1;
}
