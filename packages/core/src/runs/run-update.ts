import {
  DeleteRunDocument,
  DeleteRunWithArtifactsDocument,
  UpdateRunDocument,
  UpdateRunSummaryDocument,
} from '@wbapi/gql';
import { malformedReply } from '../errors/malformed-reply';
import { exactObjectText } from '../json/exact-object-text';
import type { RequestOptions, Session } from '../session/session';
import type { JsonObject } from './decode';
import type { RunAttrs } from './run-attrs';
import { runUpdateVariables } from './run-update-builder';

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
  /** The config JSON text as received (`attrs.config`): untouched keys are sent back byte for byte. */
  configText?: string | null;
  /** The summary, written in the same `upsertBucket` when given; absent: left alone. */
  summary?: JsonObject;
  /** The summary JSON text as received (`attrs.summaryMetrics`): untouched keys are sent back as they were. */
  summaryText?: string | null;
}

/**
 * Sends a run's writable fields, config and (when given) summary in one `upsertBucket`, retried
 * like a query, so that a failure leaves the run wholly updated or not at all. The server replaces
 * the config: `_wandb` is re-sent from the raw config, changed values are stored as
 * `{value, desc: null}`, untouched keys keep their received text (see `configText`). Returns the
 * run's attributes as the server now has them (null if it sent none).
 */
export async function updateRun(
  session: Session,
  run: RunUpdate,
  options: RequestOptions = {},
): Promise<RunAttrs | null> {
  const variables = runUpdateVariables({
    storageId: run.storageId,
    name: run.name ?? null,
    description: run.description ?? null,
    notes: run.notes ?? null,
    tags: run.tags ?? null,
    group: run.group ?? null,
    jobType: run.jobType ?? null,
    config: run.config,
    rawConfig: run.rawConfig ?? {},
    configText: run.configText ?? null,
    ...(run.summary ? { summary: run.summary, summaryText: run.summaryText ?? null } : {}),
  });
  const result = await session.client.request(UpdateRunDocument, variables, options);
  return result.upsertBucket?.bucket ?? null;
}

/**
 * Writes a run's whole summary (the server replaces it) and returns the JSON text sent; the
 * server must answer with the run's id. With `summaryText` (the summary as received), untouched
 * keys are sent back byte for byte.
 */
export async function writeSummary(
  session: Session,
  storageId: string,
  summary: JsonObject,
  options: RequestOptions & { summaryText?: string | null } = {},
): Promise<string> {
  const { summaryText = null, ...call } = options;
  const summaryMetrics = exactObjectText(summary, summaryText);
  const result = await session.client.request(
    UpdateRunSummaryDocument,
    { id: storageId, summaryMetrics },
    call,
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
