import type { RunRef } from '../paths/refs';
import { decodeConfig, decodeJsonObject, type JsonObject } from './decode';
import type { RunAttrs } from './run-attrs';

/** A run's fields decoded from its GraphQL attributes (config unwrapped, JSON parsed). */
export interface DecodedRun {
  /** The display name (GraphQL `displayName`). */
  name: string | null;
  /** Tags. */
  tags: string[];
  /** Notes. */
  notes: string | null;
  /** The legacy description field. */
  description: string | null;
  /** The run group. */
  group: string | null;
  /** The job type. */
  jobType: string | null;
  /** Hyperparameters with values unwrapped (no `_wandb`). */
  config: JsonObject;
  /** The whole config with values unwrapped, including `_wandb`. */
  rawConfig: JsonObject;
  /** The summary (NaN/±Infinity kept). */
  summary: JsonObject;
  /** The latest system metrics. */
  systemMetrics: JsonObject;
}

/** A run as plain data, what `listRuns` and `getRun` give: its reference, decoded fields and raw attributes. */
export interface RunData extends RunRef, DecodedRun {
  /** `running`, `finished`, `crashed`, ...; `not found` when unknown. */
  state: string;
  /** The raw GraphQL attributes. */
  attrs: RunAttrs;
}

/**
 * Decodes a run's attributes.
 *
 * @throws MalformedResponseError when config, summary or system metrics are not JSON objects.
 */
export function decodeRun(attrs: Partial<RunAttrs>): DecodedRun {
  const { config, rawConfig } = decodeConfig(attrs.config);
  return {
    name: attrs.displayName ?? null,
    tags: [...(attrs.tags ?? [])],
    notes: attrs.notes ?? null,
    description: attrs.description ?? null,
    group: attrs.group ?? null,
    jobType: attrs.jobType ?? null,
    config,
    rawConfig,
    summary: decodeJsonObject('summaryMetrics', attrs.summaryMetrics),
    systemMetrics: decodeJsonObject('systemMetrics', attrs.systemMetrics),
  };
}

/** A run's plain data from its reference and attributes (the id given wins over the attributes'). */
export function toRunData(ref: RunRef, attrs: Partial<RunAttrs>): RunData {
  const { entity, project, id } = ref;
  return {
    entity,
    project,
    id,
    state: attrs.state ?? 'not found',
    attrs: { ...attrs, name: id },
    ...decodeRun(attrs),
  };
}
