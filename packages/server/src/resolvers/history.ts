import { maskFor } from '../store/history-keys';
import type { RunRow } from '../store/rows';
import type { Store } from '../store/store';
import { historySamples } from '../util/limits';
import { sampleIndexes } from '../util/sampling';
import { UserInputError } from '../util/user-input-error';
import { parseWandbJson } from '../util/wandb-json';

const LOWEST = -Number.MAX_SAFE_INTEGER;
const HIGHEST = Number.MAX_SAFE_INTEGER;

function toStep(value: unknown, name: string): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new UserInputError(`${name} must be a number`);
  return value;
}

/**
 * Row texts in a step range, down-sampled to `samples` rows: when the range holds more rows, the
 * steps are read first (a cheap scan of the primary key) and only the kept rows are fetched.
 */
function sampledRows(
  store: Store,
  table: 'history' | 'events',
  runId: number,
  range: { lo: number; hi: number; mask: number },
  samples: number,
): string[] {
  const key = table === 'history' ? 'step' : 'seq';
  const where = `run_id = ? AND ${key} >= ? AND ${key} <= ? AND (${table === 'history' ? 'mask' : '0'} & ?) = ?`;
  const params = [runId, range.lo, range.hi, range.mask, range.mask];
  const count = (
    store.prepare<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`).get(...params) as {
      n: number;
    }
  ).n;
  if (count <= samples) {
    return store
      .prepare<{ row: string }>(`SELECT row FROM ${table} WHERE ${where} ORDER BY ${key}`)
      .all(...params)
      .map((r) => r.row);
  }
  const wanted = sampleIndexes(count, samples);
  const steps: number[] = [];
  let index = 0;
  let next = 0;
  for (const r of store
    .prepare<{ k: number }>(`SELECT ${key} AS k FROM ${table} WHERE ${where} ORDER BY ${key}`)
    .iterate(...params)) {
    if (index === wanted[next]) {
      steps.push(r.k);
      while (wanted[next] === index) next += 1;
      if (next >= wanted.length) break;
    }
    index += 1;
  }
  const one = store.prepare<{ row: string }>(`SELECT row FROM ${table} WHERE run_id = ? AND ${key} = ?`);
  return steps.map((step) => (one.get(runId, step) as { row: string }).row);
}

/** `Run.history`: JSON texts of rows with `minStep <= _step < maxStep` (maxStep exclusive), down-sampled. */
export function historyRows(
  store: Store,
  runId: number,
  args: { samples?: number | null; minStep?: unknown; maxStep?: unknown },
): string[] {
  const min = toStep(args.minStep, 'minStep');
  const max = toStep(args.maxStep, 'maxStep');
  const range = { lo: min ?? LOWEST, hi: max === null ? HIGHEST : max - 1, mask: 0 };
  if (range.hi < range.lo) return [];
  return sampledRows(store, 'history', runId, range, historySamples(args.samples));
}

/** `Run.events`: JSON texts of system-metrics rows, down-sampled. */
export function eventsRows(store: Store, runId: number, samples: number | null | undefined): string[] {
  return sampledRows(store, 'events', runId, { lo: LOWEST, hi: HIGHEST, mask: 0 }, historySamples(samples));
}

interface Spec {
  keys: string[];
  samples: number;
  minStep: number | null;
  maxStep: number | null;
}

function parseSpec(text: string): Spec {
  let value: unknown;
  try {
    value = typeof text === 'string' ? parseWandbJson(text) : text;
  } catch {
    throw new UserInputError('sampledHistory spec is not valid JSON');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new UserInputError('sampledHistory spec must be a JSON object');
  }
  const spec = value as Record<string, unknown>;
  const keys = spec.keys ?? [];
  if (!Array.isArray(keys) || !keys.every((k) => typeof k === 'string')) {
    throw new UserInputError('sampledHistory spec keys must be a list of strings');
  }
  const samples = spec.samples === undefined || spec.samples === null ? null : spec.samples;
  if (samples !== null && typeof samples !== 'number')
    throw new UserInputError('sampledHistory samples must be a number');
  return {
    keys,
    samples: historySamples(samples),
    minStep: toStep(spec.minStep, 'minStep'),
    maxStep: toStep(spec.maxStep, 'maxStep'),
  };
}

function hasAll(row: Record<string, unknown>, keys: readonly string[]): boolean {
  for (const key of keys) if (!(key in row)) return false;
  return true;
}

/**
 * `Run.sampledHistory` for one spec: rows with `minStep <= _step <= maxStep` (inclusive) that
 * have every requested key, reduced to those keys, down-sampled keeping the first and last rows.
 */
export function sampledHistory(store: Store, run: RunRow, specText: string): Record<string, unknown>[] {
  const spec = parseSpec(specText);
  const lo = spec.minStep ?? LOWEST;
  const hi = spec.maxStep ?? HIGHEST;
  if (hi < lo) return [];
  const { mask, unmasked } = maskFor(run.history_key_bits, spec.keys);
  const project = (row: Record<string, unknown>): Record<string, unknown> => {
    if (spec.keys.length === 0) return row;
    const out: Record<string, unknown> = {};
    for (const key of spec.keys) out[key] = row[key];
    return out;
  };
  if (unmasked.length === 0) {
    return sampledRows(store, 'history', run.id, { lo, hi, mask }, spec.samples).map((text) =>
      project(parseWandbJson(text) as Record<string, unknown>),
    );
  }
  // Keys beyond the run's first 53 have no mask bit: filter those rows here.
  const known = parseWandbJson(run.history_keys) as { keys: Record<string, unknown> };
  if (unmasked.some((key) => !(key in known.keys))) return [];
  const rows: Record<string, unknown>[] = [];
  for (const r of store
    .prepare<{ row: string }>(
      'SELECT row FROM history WHERE run_id = ? AND step >= ? AND step <= ? AND (mask & ?) = ? ORDER BY step',
    )
    .iterate(run.id, lo, hi, mask, mask)) {
    const row = parseWandbJson(r.row) as Record<string, unknown>;
    if (hasAll(row, unmasked)) rows.push(row);
  }
  return sampleIndexes(rows.length, spec.samples).map((i) => project(rows[i] as Record<string, unknown>));
}
