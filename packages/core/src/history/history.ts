import { RunEventsDocument, RunHistoryDocument, RunSampledHistoryDocument } from '@wbapi/gql';
import { BadInputError, NotFoundError } from '../errors';
import { malformedReply } from '../api/malformed';
import { parseWandbJson } from '../json';
import type { RequestOptions } from '../api/context';
import type { Platform } from '../platform';
import { describeRun } from '../runs/run-attrs';
import type { Run } from '../runs/run';
import { MAX_SAMPLES, positiveCount } from '../validate';

/** One history row: `_step`, `_runtime`, `_timestamp` and the logged keys. */
export type HistoryRow = Record<string, unknown>;

/** History as columns: each key maps to its values, one per row (null where a row lacks the key). */
export type HistoryColumns = Record<string, unknown[]>;

/** Options of `run.history()`. */
export interface HistoryOptions extends RequestOptions {
  /** How many rows to sample. @defaultValue 500 */
  samples?: number;
  /** Only these keys (and only rows having all of them). */
  keys?: string[];
  /** The x axis key, placed first in the keys. @defaultValue '_step' */
  xAxis?: string;
  /** `default` for logged metrics, `system` for machine metrics (not with `keys`). @defaultValue 'default' */
  stream?: 'default' | 'system';
  /** `rows` (an array of row objects) or `columns` (`{key: values[]}`). @defaultValue 'rows' */
  format?: 'rows' | 'columns';
}

/** Checks `keys` the way the SDK does, but throws instead of logging. */
export function validateKeys(keys: unknown, stream?: string): string[] | undefined {
  if (keys === undefined || keys === null) return undefined;
  if (!Array.isArray(keys)) throw new BadInputError('keys must be specified in a list');
  if (!keys.every((key) => typeof key === 'string')) {
    throw new BadInputError('keys argument must be a list of strings');
  }
  if (keys.includes('')) throw new BadInputError('keys must not hold an empty string');
  if (stream !== undefined && stream !== 'default') {
    throw new BadInputError('stream must be default when specifying keys');
  }
  return keys as string[];
}

/** Parses history rows sent as JSON text (NaN/±Infinity kept). */
export function parseRows(rows: readonly string[] | null | undefined): HistoryRow[] {
  return (rows ?? []).map((text) => parseWandbJson(text) as HistoryRow);
}

/** Turns rows into columns over the union of their keys, in first-seen order. */
export function toColumns(rows: readonly HistoryRow[]): HistoryColumns {
  const keys = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) keys.add(key);
  const columns: HistoryColumns = {};
  for (const key of keys) columns[key] = rows.map((row) => (key in row ? row[key] : null));
  return columns;
}

/** `run.history()`: sampled history, per semantics §9.1. */
export async function runHistory<P extends Platform>(
  run: Run<P>,
  options: HistoryOptions,
): Promise<HistoryRow[] | HistoryColumns> {
  const { keys, xAxis = '_step', stream = 'default', format = 'rows', ...call } = options;
  const samples = positiveCount('samples', options.samples, 500, MAX_SAMPLES);
  if (stream !== 'default' && stream !== 'system')
    throw new BadInputError(`stream must be "default" or "system"`);
  const wanted = validateKeys(keys, stream);
  const rows = wanted
    ? await sampledRows(run, [xAxis, ...wanted], samples, call)
    : await fullRows(run, stream, samples, call);
  return format === 'columns' ? toColumns(rows) : rows;
}

function runVariables<P extends Platform>(run: Run<P>): { entity: string; project: string; name: string } {
  return { entity: run.entity, project: run.project, name: run.id };
}

function notFound<P extends Platform>(run: Run<P>): NotFoundError {
  return new NotFoundError(`Could not find run ${describeRun(run.entity, run.project, run.id, 'not found')}`);
}

async function fullRows<P extends Platform>(
  run: Run<P>,
  stream: 'default' | 'system',
  samples: number,
  call: RequestOptions,
): Promise<HistoryRow[]> {
  const variables = { ...runVariables(run), samples };
  if (stream === 'system') {
    const result = await run.context.client.request(RunEventsDocument, variables, call);
    if (!result.project?.run) throw notFound(run);
    return parseRows(result.project.run.events);
  }
  const result = await run.context.client.request(RunHistoryDocument, variables, call);
  if (!result.project?.run) throw notFound(run);
  return parseRows(result.project.run.history);
}

async function sampledRows<P extends Platform>(
  run: Run<P>,
  keys: string[],
  samples: number,
  call: RequestOptions,
): Promise<HistoryRow[]> {
  const specs = [JSON.stringify({ keys, samples })];
  const result = await run.context.client.request(
    RunSampledHistoryDocument,
    { ...runVariables(run), specs },
    call,
  );
  if (!result.project?.run) throw notFound(run);
  return firstSpecRows(result.project.run.sampledHistory);
}

/** The rows of the first spec of a `sampledHistory` answer. */
export function firstSpecRows(lists: readonly unknown[] | null | undefined): HistoryRow[] {
  const rows = lists?.[0] ?? [];
  if (!Array.isArray(rows)) throw malformedReply('sampledHistory is not a list of row lists');
  return rows as HistoryRow[];
}
