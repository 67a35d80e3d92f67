import { CreateRunDocument } from '@wbapi/gql';
import { malformedReply } from '../errors/malformed-reply';
import type { RequestOptions, Session } from '../session/session';
import { generateRunId } from './run-id';
import { toRunData, type RunData } from './run-data';

/** Options of `api.createRun()` / `Run.create()`. */
export interface CreateRunOptions extends RequestOptions {
  /** The run id. @defaultValue 8 random characters from `[a-z0-9]` */
  runId?: string;
  /** The project. @defaultValue the settings project, else `uncategorized` */
  project?: string;
  /** The entity; null lets the server pick the viewer's. */
  entity?: string | null;
  /** Initial state. @defaultValue 'running' */
  state?: 'running' | 'pending';
}

/**
 * Creates a run like Python's `Run.create` (a null entity lets the server choose the viewer's)
 * and returns it built from the reply, with empty config and summary; no follow-up query.
 */
export async function createRun(session: Session, options: CreateRunOptions = {}): Promise<RunData> {
  const { runId, project, entity, state = 'running', ...call } = options;
  const projectName = project || (await session.defaults()).project || 'uncategorized';
  const result = await session.client.request(
    CreateRunDocument,
    { entity: entity ?? null, project: projectName, name: runId || generateRunId(), state },
    call,
  );
  const bucket = result.upsertBucket?.bucket;
  if (!bucket?.project) throw malformedReply('upsertBucket returned no run');
  const ref = { entity: bucket.project.entity.name, project: bucket.project.name, id: bucket.name };
  return toRunData(ref, {
    id: bucket.id,
    name: bucket.name,
    createdAt: bucket.createdAt,
    config: '{}',
    systemMetrics: '{}',
    summaryMetrics: '{}',
    tags: [],
    description: null,
    notes: null,
    state,
  });
}
