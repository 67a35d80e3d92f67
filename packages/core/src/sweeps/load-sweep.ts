import { SweepDocument, SweepLegacyDocument } from '@wbapi/gql';
import { NotFoundError } from '../errors';
import type { ApiContext, RequestOptions } from '../api/context';
import type { Platform } from '../platform';
import { describeSweep, Sweep, type SweepAttrs } from './sweep';
import { parseSweepConfig } from './sweep-config';

async function fetchAttrs<P extends Platform>(
  context: ApiContext<P>,
  variables: { entity: string; project: string; name: string },
  options: RequestOptions,
): Promise<SweepAttrs | null> {
  try {
    const result = await context.client.request(SweepDocument, variables, options);
    return result.project?.sweep ?? null;
  } catch (error) {
    // Older servers lack some fields: the SDK re-asks with the legacy selection on any failure.
    if (options.signal?.aborted) throw error;
    const legacy = await context.client.request(SweepLegacyDocument, variables, options);
    return legacy.project?.sweep ?? null;
  }
}

/** Loads a sweep (semantics §11.1); a missing project or sweep is a NotFoundError. */
export async function loadSweep<P extends Platform>(
  context: ApiContext<P>,
  entity: string,
  project: string,
  id: string,
  options: RequestOptions = {},
): Promise<Sweep<P>> {
  const attrs = await fetchAttrs(context, { entity, project, name: id }, options);
  if (!attrs) throw new NotFoundError(`Could not find sweep ${describeSweep(entity, project, id, null)}`);
  return new Sweep(context, entity, project, id, attrs, await parseSweepConfig(attrs.config));
}
