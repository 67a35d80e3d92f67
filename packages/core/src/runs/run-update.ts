import {
  DeleteRunDocument,
  DeleteRunWithArtifactsDocument,
  UpdateRunDocument,
  UpdateRunSummaryDocument,
} from '@wbapi/gql';
import { malformedReply } from '../errors/malformed-reply';
import { stringifyWandbJson } from '../json';
import type { RequestOptions, Session } from '../session/session';
import { encodeConfig, type JsonObject } from './decode';
import type { RunAttrs } from './run-attrs';

/** A run's writable fields, as `updateRun` sends them. */
export interface RunUpdate {
  /** The run's storage id (GraphQL `id`, `run.attrs.id`), which mutations address. */
  storageId: string;
  /** The display name. */
  name?: string | null;
  /** Tags. */
  tags?: string[] | null;
  /** Notes. */
  notes?: string | null;
  /** The legacy description field. */
  description?: string | null;
  /** The run group. */
  group?: string | null;
  /** The job type. */
  jobType?: string | null;
  /** Hyperparameters (values unwrapped). */
  config: JsonObject;
  /** The whole config as loaded (its `_wandb` is sent back). @defaultValue `{}` */
  rawConfig?: JsonObject;
}

/**
 * Sends a run's writable fields and config (`UpsertBucket`, as Python's `Run.update` does).
 * The server replaces the config, so `_wandb` is re-sent from the raw config and every `desc`
 * becomes null. Returns the run's attributes as the server now has them (null if it sent none).
 */
export async function updateRun(
  session: Session,
  run: RunUpdate,
  options: RequestOptions = {},
): Promise<RunAttrs | null> {
  const result = await session.client.request(
    UpdateRunDocument,
    {
      id: run.storageId,
      description: run.description ?? null,
      displayName: run.name ?? null,
      notes: run.notes ?? null,
      tags: run.tags ?? null,
      config: stringifyWandbJson(encodeConfig(run.config, run.rawConfig ?? {})),
      groupName: run.group ?? null,
      jobType: run.jobType ?? null,
    },
    options,
  );
  return result.upsertBucket?.bucket ?? null;
}

/**
 * Writes a run's whole summary (the server replaces it) and returns the JSON text sent; the
 * server must answer with the run's id.
 */
export async function writeSummary(
  session: Session,
  storageId: string,
  summary: JsonObject,
  options: RequestOptions = {},
): Promise<string> {
  const summaryMetrics = stringifyWandbJson(summary);
  const result = await session.client.request(
    UpdateRunSummaryDocument,
    { id: storageId, summaryMetrics },
    options,
  );
  if (!result.upsertBucket?.bucket?.id) throw malformedReply('upsertBucket returned no bucket id');
  return summaryMetrics;
}

/**
 * Deletes a run by storage id (and its artifacts when asked). Not retried unless asked. Like the
 * Python client, `deleteArtifacts` goes out only when true: a server whose `DeleteRunInput` lacks
 * it still deletes.
 */
export async function deleteRun(
  session: Session,
  storageId: string,
  options: RequestOptions & { deleteArtifacts?: boolean } = {},
): Promise<void> {
  const { deleteArtifacts = false, ...call } = options;
  if (deleteArtifacts) {
    await session.client.request(
      DeleteRunWithArtifactsDocument,
      { id: storageId, deleteArtifacts: true },
      call,
    );
  } else {
    await session.client.request(DeleteRunDocument, { id: storageId }, call);
  }
}
