import { SweepDocument, SweepLegacyDocument, type SweepFieldsFragment } from '@wbapi/gql';
import { NotFoundError } from '../errors/not-found-error';
import type { RunRef } from '../paths/refs';
import type { RequestOptions, Session } from '../session/session';
import { parseSweepConfig } from './sweep-config';

/** The raw GraphQL attributes of a sweep (legacy servers send fewer fields). */
export type SweepAttrs = Partial<SweepFieldsFragment> &
  Pick<SweepFieldsFragment, 'id' | 'name' | 'state' | 'config'>;

/** A sweep as plain data: its reference, raw attributes and parsed config. */
export interface SweepData extends RunRef {
  /** The raw GraphQL attributes. */
  attrs: SweepAttrs;
  /** The sweep configuration, parsed from YAML (`{}` when empty). */
  config: Record<string, unknown>;
}

/** `<Sweep e/p/id (state)>`, the way the SDK prints a sweep in messages. */
export function describeSweep(entity: string, project: string, id: string, state: string | null): string {
  return `<Sweep ${entity}/${project}/${id} (${state || 'Unknown State'})>`;
}

async function fetchAttrs(
  session: Session,
  variables: { entity: string; project: string; name: string },
  options: RequestOptions,
): Promise<SweepAttrs | null> {
  try {
    const result = await session.client.request(SweepDocument, variables, options);
    return result.project?.sweep ?? null;
  } catch (error) {
    // Older servers lack some fields: the SDK re-asks with the legacy selection on any failure.
    if (options.signal?.aborted) throw error;
    const legacy = await session.client.request(SweepLegacyDocument, variables, options);
    return legacy.project?.sweep ?? null;
  }
}

/**
 * Loads a sweep (`ref.id` is the sweep id) with its config parsed; the YAML parser is loaded
 * on first use.
 *
 * @throws NotFoundError when the project or sweep does not exist.
 */
export async function getSweep(
  session: Session,
  ref: RunRef,
  options: RequestOptions = {},
): Promise<SweepData> {
  const { entity, project, id } = ref;
  const attrs = await fetchAttrs(session, { entity, project, name: id }, options);
  if (!attrs) throw new NotFoundError(`Could not find sweep ${describeSweep(entity, project, id, null)}`);
  return { entity, project, id, attrs, config: await parseSweepConfig(attrs.config) };
}
