import { UpdateRunDocument, UpdateRunSummaryDocument } from '@wbapi/gql';
import { malformedReply } from '../api/malformed';
import { stringifyWandbJson } from '../json';
import type { RequestOptions } from '../api/context';
import type { Platform } from '../platform';
import { encodeConfig } from './decode';
import type { Run } from './run';

/**
 * Sends a run's writable fields and config (semantics §8.4). The server replaces the config,
 * so `_wandb` is re-sent from the raw config and every `desc` becomes null.
 */
export async function updateRun<P extends Platform>(run: Run<P>, options: RequestOptions): Promise<void> {
  await run.context.client.request(
    UpdateRunDocument,
    {
      id: run.requireStorageId(),
      description: run.description ?? null,
      displayName: run.name ?? null,
      notes: run.notes ?? null,
      tags: run.tags ?? null,
      config: stringifyWandbJson(encodeConfig(run.config, run.rawConfig)),
      groupName: run.group ?? null,
      jobType: run.jobType ?? null,
    },
    options,
  );
}

/** Writes a run's whole summary (semantics §8.5); the server must answer with the bucket id. */
export async function writeSummary<P extends Platform>(run: Run<P>, options: RequestOptions): Promise<void> {
  const result = await run.context.client.request(
    UpdateRunSummaryDocument,
    { id: run.requireStorageId(), summaryMetrics: stringifyWandbJson(run.summary) },
    options,
  );
  if (!result.upsertBucket?.bucket?.id) throw malformedReply('upsertBucket returned no bucket id');
}
