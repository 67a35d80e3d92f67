import {
  DeleteRunDocument,
  DeleteRunWithArtifactsDocument,
  UpdateRunDocument,
  UpdateRunSummaryDocument,
} from '@wbapi/gql';
import { malformedReply } from '../api/malformed';
import { stringifyWandbJson } from '../json';
import type { RequestOptions } from '../api/context';
import type { Platform } from '../platform';
import { encodeConfig } from './decode';
import type { Run } from './run';
import type { RunAttrs } from './run-attrs';

/**
 * Sends a run's writable fields and config (semantics §8.4). The server replaces the config,
 * so `_wandb` is re-sent from the raw config and every `desc` becomes null. Returns the
 * run's attributes as the server now has them (null if it sent none).
 */
export async function updateRun<P extends Platform>(
  run: Run<P>,
  options: RequestOptions,
): Promise<RunAttrs | null> {
  const result = await run.context.client.request(
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
  return result.upsertBucket?.bucket ?? null;
}

/** Writes a run's whole summary (semantics §8.5) and returns the JSON text sent; the server must answer with the bucket id. */
export async function writeSummary<P extends Platform>(
  run: Run<P>,
  options: RequestOptions,
): Promise<string> {
  const summaryMetrics = stringifyWandbJson(run.summary);
  const result = await run.context.client.request(
    UpdateRunSummaryDocument,
    { id: run.requireStorageId(), summaryMetrics },
    options,
  );
  if (!result.upsertBucket?.bucket?.id) throw malformedReply('upsertBucket returned no bucket id');
  return summaryMetrics;
}

/**
 * Deletes a run (and its artifacts when asked). Not retried unless asked. Like the Python client,
 * `deleteArtifacts` goes out only when true: a server whose `DeleteRunInput` lacks it still deletes.
 */
export async function deleteRun<P extends Platform>(
  run: Run<P>,
  options: RequestOptions & { deleteArtifacts?: boolean },
): Promise<void> {
  const { deleteArtifacts = false, ...call } = options;
  const id = run.requireStorageId();
  if (deleteArtifacts) {
    await run.context.client.request(DeleteRunWithArtifactsDocument, { id, deleteArtifacts: true }, call);
  } else {
    await run.context.client.request(DeleteRunDocument, { id }, call);
  }
}
