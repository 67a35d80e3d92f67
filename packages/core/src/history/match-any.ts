import { MalformedResponseError } from '../errors/malformed-response-error';
import type { HistoryRow } from './history';

/**
 * Most `sampledHistory` specs sent in one request when matching any key, as W&B's own MCP server
 * does (one spec per key, at most eight per upstream request).
 */
export const MAX_SPECS_PER_REQUEST = 8;

/** A `sampledHistory` spec (semantics §9.2); `maxStep` is inclusive. */
export interface SampledSpec {
  /** Keys a row must all have; the rows hold only these. */
  keys: string[];
  /** Most rows returned (down-sampled beyond). */
  samples: number;
  /** First step. */
  minStep?: number;
  /** Last step (inclusive). */
  maxStep?: number;
}

/**
 * One spec per key, `{keys: [xAxis, key], samples, minStep?, maxStep?}`, so that a row counts
 * when it has that key, whatever else was logged with it. Keys are de-duplicated, and `xAxis`
 * itself gets a spec only when it is the only key.
 */
export function anyKeySpecs(
  keys: readonly string[],
  xAxis: string,
  samples: number,
  range: { minStep?: number; maxStep?: number } = {},
): SampledSpec[] {
  const others = [...new Set(keys)].filter((key) => key !== xAxis);
  const groups = others.length > 0 ? others.map((key) => [xAxis, key]) : [[xAxis]];
  return groups.map((specKeys) => ({ keys: specKeys, samples, ...range }));
}

/** `items` in chunks of at most `size`. */
export function chunks<T>(items: readonly T[], size: number = MAX_SPECS_PER_REQUEST): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** A Map key that keeps `1` and `"1"` apart. */
function axisKey(value: unknown): string {
  return typeof value === 'string' ? `s${value}` : `v${String(value)}`;
}

/**
 * Joins row lists (one per spec, each row holding the x axis and its key) into rows by the
 * value of `xAxis`: an outer join, so a row is there when any key has a value at that x. When an
 * x value repeats within a list (a custom axis logged twice), the n-th rows of each list at that
 * x are joined, and every repeat is kept. Rows come out in ascending x for numbers, then any
 * other x values in the order first seen.
 *
 * @example
 * ```ts
 * mergeByAxis([[{ _step: 0, loss: 1 }], [{ _step: 1, acc: 0.5 }]], '_step');
 * // [{ _step: 0, loss: 1 }, { _step: 1, acc: 0.5 }]
 * ```
 */
export function mergeByAxis(lists: ReadonlyArray<readonly HistoryRow[]>, xAxis: string): HistoryRow[] {
  const groups = new Map<string, { x: unknown; rows: HistoryRow[] }>();
  for (const list of lists) {
    const seen = new Map<string, number>();
    for (const row of list) {
      const x = row[xAxis];
      const key = axisKey(x);
      const n = seen.get(key) ?? 0;
      seen.set(key, n + 1);
      let group = groups.get(key);
      if (!group) {
        group = { x, rows: [] };
        groups.set(key, group);
      }
      const target = group.rows[n];
      if (target) Object.assign(target, row);
      else group.rows.push({ ...row });
    }
  }
  const ordered = [...groups.values()];
  const numeric = (x: unknown): boolean => typeof x === 'number' && !Number.isNaN(x);
  ordered.sort((a, b) => {
    if (numeric(a.x) && numeric(b.x)) return (a.x as number) - (b.x as number);
    return Number(!numeric(a.x)) - Number(!numeric(b.x));
  });
  return ordered.flatMap((group) => group.rows);
}

/**
 * History rows that have any of `keys`, joined by `xAxis`: one spec per key (see
 * {@link anyKeySpecs}), sent {@link MAX_SPECS_PER_REQUEST} at a time through `request` (which
 * answers one row list per spec, as `sampledHistory` does), then merged with {@link mergeByAxis}.
 * Each key is down-sampled on its own to `samples` rows.
 *
 * @param request - Sends specs (JSON texts) in one `sampledHistory` call and resolves with its lists.
 */
export async function fetchAnyKeyRows(
  request: (specs: string[]) => Promise<readonly unknown[]>,
  keys: readonly string[],
  xAxis: string,
  samples: number,
  range: { minStep?: number; maxStep?: number } = {},
): Promise<HistoryRow[]> {
  const lists: HistoryRow[][] = [];
  for (const batch of chunks(anyKeySpecs(keys, xAxis, samples, range))) {
    const answer = await request(batch.map((spec) => JSON.stringify(spec)));
    for (let i = 0; i < batch.length; i++) {
      const rows = answer[i] ?? [];
      if (!Array.isArray(rows))
        throw new MalformedResponseError('sampledHistory is not a list of row lists', { status: 200 });
      lists.push(rows as HistoryRow[]);
    }
  }
  return mergeByAxis(lists, xAxis);
}
