import type { RunRef } from '../paths/refs';
import { decodeConfig, decodeJsonObject, type JsonObject } from './decode';
import type { RunAttrs } from './run-attrs';
import { missingFields, type RunSelection } from './run-selection';

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

/**
 * A run from a lazy or selective listing, as plain data: {@link RunData} without the fields the
 * listing did not read. `config` and `rawConfig` are there (with only the asked keys) when
 * `configKeys` were given, `summary` when `summaryKeys` were; system metrics never are.
 */
export interface LightRunData
  extends RunRef, Omit<DecodedRun, 'config' | 'rawConfig' | 'summary' | 'systemMetrics'> {
  /** `running`, `finished`, `crashed`, ...; `not found` when unknown. */
  state: string;
  /** The raw GraphQL attributes (the light fields, and config or summary text when asked). */
  attrs: RunAttrs;
  /** The asked config keys the run has, values unwrapped; absent without `configKeys`. */
  config?: JsonObject;
  /** The asked config keys with their raw values; absent without `configKeys`. */
  rawConfig?: JsonObject;
  /** The asked summary keys the run has; absent without `summaryKeys`. */
  summary?: JsonObject;
}

/** A run's plain data from a light listing: {@link toRunData} without the fields `selection` did not read. */
export function toLightRunData(ref: RunRef, attrs: Partial<RunAttrs>, selection: RunSelection): LightRunData {
  const data: Partial<RunData> = toRunData(ref, attrs);
  for (const field of missingFields(selection)) delete data[field as keyof DecodedRun];
  return data as LightRunData;
}
