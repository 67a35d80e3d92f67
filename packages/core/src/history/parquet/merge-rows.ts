import type { HistoryRow } from '../history';

/**
 * Merges a page's exported rows (file by file, in URL order) and live rows: a stable sort by
 * `_step`, then one row per step, the first one kept, so an exported row wins over a live copy
 * of it and overlapping files give each step once. `exported` itself is answered when it is
 * already that (one row per step, ascending, nothing live).
 */
export function mergeByStep(exported: HistoryRow[], live: readonly HistoryRow[]): HistoryRow[] {
  // The usual page (one file, nothing live) is already one row per step, ascending: as is.
  if (live.length === 0 && strictlyAscending(exported)) return exported;
  const all = exported.length === 0 ? [...live] : live.length === 0 ? [...exported] : [...exported, ...live];
  // Array.prototype.sort is stable (ES2019), so equal steps keep exported-before-live order.
  all.sort((a, b) => (a._step as number) - (b._step as number));
  const out: HistoryRow[] = [];
  let last: number | undefined;
  for (const row of all) {
    const step = row._step as number;
    if (step === last) continue;
    out.push(row);
    last = step;
  }
  return out;
}

/**
 * The keyed-scan rule of the page path, applied to exported rows: rows lacking any requested key
 * are dropped, the others keep only `_step` and the keys (in the order asked).
 */
export function keepKeys(rows: readonly HistoryRow[], keysWithStep: readonly string[]): HistoryRow[] {
  const out: HistoryRow[] = [];
  for (const row of rows) {
    let complete = true;
    for (const key of keysWithStep) {
      if (!(key in row)) {
        complete = false;
        break;
      }
    }
    if (!complete) continue;
    const kept: HistoryRow = {};
    for (const key of keysWithStep) kept[key] = row[key];
    out.push(kept);
  }
  return out;
}

function strictlyAscending(rows: readonly HistoryRow[]): boolean {
  for (let i = 1; i < rows.length; i++) {
    if (!((rows[i - 1]?._step as number) < (rows[i]?._step as number))) return false;
  }
  return true;
}
