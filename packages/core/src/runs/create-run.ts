import { CreateRunDocument } from '@wbapi/gql';
import { malformedReply } from '../api/malformed';
import type { ApiContext, RequestOptions } from '../api/context';
import type { Platform } from '../platform';
import { generateRunId } from './run-id';
import { Run } from './run';

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
 * Creates a run (semantics §8.6) and builds it locally from the reply, with empty config and
 * summary; no follow-up query.
 */
export async function createRun<P extends Platform>(
  context: ApiContext<P>,
  options: CreateRunOptions,
): Promise<Run<P>> {
  const { runId, project, entity, state = 'running', ...call } = options;
  const projectName = project || (await context.defaults()).project || 'uncategorized';
  const result = await context.client.request(
    CreateRunDocument,
    { entity: entity ?? null, project: projectName, name: runId || generateRunId(), state },
    call,
  );
  const bucket = result.upsertBucket?.bucket;
  if (!bucket?.project) throw malformedReply('upsertBucket returned no run');
  return new Run(context, bucket.project.entity.name, bucket.project.name, bucket.name, {
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
