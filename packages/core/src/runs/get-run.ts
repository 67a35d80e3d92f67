import { RunDocument } from '@wbapi/gql';
import type { RunRef } from '../paths/refs';
import type { RequestOptions, Session } from '../session/session';
import type { RunAttrs } from './run-attrs';
import { toRunData, type RunData } from './run-data';
import { runNotFound } from './run-not-found';

/**
 * A run's attributes as the server has them now (never from the response cache).
 *
 * @throws NotFoundError when the project or run does not exist.
 */
export async function fetchRunAttrs(
  session: Session,
  ref: RunRef,
  options: RequestOptions = {},
): Promise<RunAttrs> {
  const result = await session.client.request(
    RunDocument,
    { entity: ref.entity, project: ref.project, name: ref.id },
    { cache: false, ...options },
  );
  const attrs = result.project?.run;
  if (!attrs) throw runNotFound(ref);
  return { ...attrs, name: ref.id };
}

/**
 * One run as plain data.
 *
 * @throws NotFoundError when the project or run does not exist.
 * @example
 * ```ts
 * const run = await getRun(session, { entity: 'acme', project: 'mnist', id: 'k3j2h1g0' });
 * ```
 */
export async function getRun(session: Session, ref: RunRef, options: RequestOptions = {}): Promise<RunData> {
  return toRunData(ref, await fetchRunAttrs(session, ref, options));
}
