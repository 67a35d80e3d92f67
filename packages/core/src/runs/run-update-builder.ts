import type { UpdateRunMutationVariables } from '@wbapi/gql';
import { exactObjectText } from '../json/exact-object-text';
import { unwrapConfigEntry, wrapConfigValue, type JsonObject } from './decode';

/** What one `upsertBucket` update of a run is built from: its writable fields as they are now. */
export interface RunUpdateSnapshot {
  /** The run's storage id (`Run.storageId`). */
  storageId: string;
  /** Display name. */
  name: string | null;
  /** Description. */
  description: string | null;
  /** Notes. */
  notes: string | null;
  /** Tags. */
  tags: readonly string[] | null;
  /** Group. */
  group: string | null;
  /** Job type. */
  jobType: string | null;
  /** User config keys, unwrapped (`run.config`). */
  config: JsonObject;
  /** Every config key, unwrapped (`run.rawConfig`): its `_wandb` is sent back. */
  rawConfig: JsonObject;
  /** The config JSON text as the server sent it, or null when unknown. */
  configText: string | null;
  /** The summary, when the update writes it too; absent: the summary is left alone. */
  summary?: JsonObject;
  /** The summary JSON text as the server sent it, or null when unknown. */
  summaryText?: string | null;
}

/**
 * The variables of the one `upsertBucket` (`UpdateRun`) that writes a run's name, description,
 * notes, tags, group, job type, config and (when given) summary together, so that a failure
 * leaves the run either wholly updated or not at all, and a retry sends the same thing again.
 *
 * Config and summary keep every untouched value byte for byte (see {@link exactObjectText});
 * the config's `_wandb` is carried over from the raw config, changed config values are stored
 * as `{value, desc: null}` (semantics §8.4), untouched ones keep their stored entry, `desc` included.
 *
 * @example
 * ```ts
 * await client.request(UpdateRunDocument, runUpdateVariables({ ...snapshot, summary }));
 * ```
 */
export function runUpdateVariables(snapshot: RunUpdateSnapshot): UpdateRunMutationVariables {
  const { config, rawConfig } = snapshot;
  const configValues: JsonObject =
    '_wandb' in rawConfig ? { ...config, _wandb: rawConfig['_wandb'] } : config;
  const variables: UpdateRunMutationVariables = {
    id: snapshot.storageId,
    description: snapshot.description,
    displayName: snapshot.name,
    notes: snapshot.notes,
    tags: snapshot.tags ? [...snapshot.tags] : null,
    config: exactObjectText(configValues, snapshot.configText, {
      unwrap: unwrapConfigEntry,
      wrap: wrapConfigValue,
    }),
    groupName: snapshot.group,
    jobType: snapshot.jobType,
  };
  if (snapshot.summary) variables.summaryMetrics = exactObjectText(snapshot.summary, snapshot.summaryText);
  return variables;
}
