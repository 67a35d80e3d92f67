/** The step range `[start, stop)` a history scan covers. */
export interface ScanRange {
  /** First step to read (inclusive). */
  start: number;
  /** Step to stop before (exclusive). */
  stop: number;
}

/**
 * The range a scan covers, as Python's `run.scan_history()` computes it: `minStep` defaults to 0, `maxStep` (exclusive)
 * to `lastStep + 1` and is clamped to it. A run without history (`lastStep` −1) gives an
 * empty range, so no page is requested.
 */
export function scanRange(lastStep: number, minStep?: number, maxStep?: number): ScanRange {
  const start = Math.max(0, minStep ?? 0);
  const stop = Math.min(maxStep ?? lastStep + 1, lastStep + 1);
  return { start, stop: Math.max(start, stop) };
}

/** One page request of a scan: steps `[minStep, end)`. */
export interface ScanWindow {
  /** First step of the page (inclusive). */
  minStep: number;
  /** Step the page stops before (exclusive). */
  end: number;
}

/**
 * The next page window starting at `offset`, or null once `offset` reaches `stop`.
 * Windows are `pageSize` steps wide, so a page never holds more than `pageSize` rows.
 */
export function nextWindow(offset: number, stop: number, pageSize: number): ScanWindow | null {
  if (offset >= stop) return null;
  return { minStep: offset, end: Math.min(offset + pageSize, stop) };
}

/**
 * Where a page should start given the window it belongs to and the last step already
 * delivered: a re-requested page begins right after that step, so no row is repeated.
 */
export function resumeOffset(windowStart: number, lastDeliveredStep: number | null): number {
  return lastDeliveredStep === null ? windowStart : Math.max(windowStart, lastDeliveredStep + 1);
}
