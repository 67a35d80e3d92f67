import { RunSampledHistoryDocument } from '@wbapi/gql';
import type { RunRef } from '../paths/refs';
import { runNotFound } from '../runs/run-not-found';
import type { RequestOptions, Session } from '../session/session';

/** The row lists the `sampledHistory` field answers for `specs` (JSON texts), one list per spec. */
export async function sampledLists(
  session: Session,
  run: RunRef,
  specs: string[],
  call: RequestOptions,
): Promise<readonly unknown[]> {
  const variables = { entity: run.entity, project: run.project, name: run.id, specs };
  const result = await session.client.request(RunSampledHistoryDocument, variables, call);
  if (!result.project?.run) throw runNotFound(run);
  return result.project.run.sampledHistory ?? [];
}
