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

/** The first or last key matching `where` (one index seek). */
function seek(
  store: Store,
  table: string,
  key: string,
  where: string,
  params: unknown[],
  dir: 'ASC' | 'DESC',
) {
  const sql = `SELECT ${key} AS k FROM ${table} WHERE ${where} ORDER BY ${key} ${dir} LIMIT 1`;
  return store.prepare<{ k: number }>(sql).get(...params)?.k ?? null;
}

/** First and last key of a range and its row count (counted only when it cannot be deduced). */
function rangeStats(
  store: Store,
  table: string,
  key: string,
  where: string,
  params: unknown[],
  total: number | null,
): { n: number; first: number | null; last: number | null } {
  const first = seek(store, table, key, where, params, 'ASC');
  const last = seek(store, table, key, where, params, 'DESC');
  if (first === null || last === null) return { n: 0, first, last };
  if (total !== null) {
    // Without a key filter, a run whose steps are contiguous has contiguous steps in any range.
    const all = `run_id = ? AND ${key} >= ? AND ${key} <= ?`;
    const allParams = [params[0], LOWEST, HIGHEST];
    const runFirst = seek(store, table, key, all, allParams, 'ASC') as number;
    const runLast = seek(store, table, key, all, allParams, 'DESC') as number;
    if (runLast - runFirst + 1 === total) return { n: last - first + 1, first, last };
  }
  const count = store
    .prepare<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`)
    .get(...params);
  return { n: (count as { n: number }).n, first, last };
}

/**
 * Row texts in a step range, down-sampled to `samples` rows. When the range holds more rows, the
 * kept positions are turned into steps without reading the rows: directly when the matching steps
 * are contiguous (the usual case), otherwise by one scan of the steps only; then only the kept
 * rows are fetched by primary key.
 */
function sampledRows(
  store: Store,
  table: 'history' | 'events',
  runId: number,
  range: { lo: number; hi: number; mask: number },
  samples: number,
  total: number,
): string[] {
  const key = table === 'history' ? 'step' : 'seq';
  const maskTest = range.mask > 0 ? ' AND (mask & ?) = ?' : '';
  const where = `run_id = ? AND ${key} >= ? AND ${key} <= ?${maskTest}`;
  const params = [runId, range.lo, range.hi, ...(range.mask > 0 ? [range.mask, range.mask] : [])];
  const stats = rangeStats(store, table, key, where, params, range.mask > 0 ? null : total);
  if (stats.n <= samples) {
    return store
      .prepare<{ row: string }>(`SELECT row FROM ${table} WHERE ${where} ORDER BY ${key}`)
      .all(...params)
      .map((r) => r.row);
  }
  const wanted = sampleIndexes(stats.n, samples);
  let keys: number[];
  if (stats.first !== null && stats.last !== null && stats.last - stats.first + 1 === stats.n) {
    keys = wanted.map((i) => (stats.first as number) + i);
  } else {
    keys = [];
    let index = 0;
    let next = 0;
    // This statement is used only here, so plucking it does not affect other callers.
    const scan = store
      .prepare(`SELECT ${key} FROM ${table} WHERE ${where} ORDER BY ${key} /* steps */`)
      .pluck();
    for (const k of scan.iterate(...params) as Iterable<number>) {
      if (index === wanted[next]) {
        keys.push(k);
        while (wanted[next] === index) next += 1;
        if (next >= wanted.length) break;
      }
      index += 1;
    }
  }
  const one = store.prepare<{ row: string }>(`SELECT row FROM ${table} WHERE run_id = ? AND ${key} = ?`);
  return keys.map((k) => (one.get(runId, k) as { row: string }).row);
}

/** `Run.history`: JSON texts of rows with `minStep <= _step < maxStep` (maxStep exclusive), down-sampled. */
export function historyRows(
  store: Store,
  run: RunRow,
  args: { samples?: number | null; minStep?: unknown; maxStep?: unknown },
): string[] {
  const min = toStep(args.minStep, 'minStep');
  const max = toStep(args.maxStep, 'maxStep');
  const range = { lo: min ?? LOWEST, hi: max === null ? HIGHEST : max - 1, mask: 0 };
  if (range.hi < range.lo) return [];
  return sampledRows(store, 'history', run.id, range, historySamples(args.samples), run.history_line_count);
}

/** `Run.events`: JSON texts of system-metrics rows, down-sampled. */
export function eventsRows(store: Store, run: RunRow, samples: number | null | undefined): string[] {
  const range = { lo: LOWEST, hi: HIGHEST, mask: 0 };
  return sampledRows(store, 'events', run.id, range, historySamples(samples), run.events_line_count);
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
  const known = parseWandbJson(run.history_keys) as {
    keys: Record<string, { typeCounts?: { count: number }[] }>;
  };
  // Keys present in every row need no per-row test.
  const inEveryRow = spec.keys.every(
    (k) => (known.keys[k]?.typeCounts ?? []).reduce((sum, t) => sum + t.count, 0) === run.history_line_count,
  );
  const project = (row: Record<string, unknown>): Record<string, unknown> => {
    if (spec.keys.length === 0) return row;
    const out: Record<string, unknown> = {};
    for (const key of spec.keys) out[key] = row[key];
    return out;
  };
  if (unmasked.length === 0) {
    const range = { lo, hi, mask: inEveryRow ? 0 : mask };
    return sampledRows(store, 'history', run.id, range, spec.samples, run.history_line_count).map((text) =>
      project(parseWandbJson(text) as Record<string, unknown>),
    );
  }
  // Keys beyond the run's first 53 have no mask bit: filter those rows here.
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
