import { stringifyWandbJson } from '../json';

/** How many rows of a run are turned into text to tell its size. */
export const SAMPLED_ROWS = 16;

/**
 * Length of rows as compact JSON lines: exact up to {@link SAMPLED_ROWS} rows, else measured on
 * that many rows spread evenly and scaled, so that progress does not stringify every row.
 */
export function estimateJsonChars(rows: readonly unknown[]): number {
  const picked = Math.min(rows.length, SAMPLED_ROWS);
  if (picked === 0) return 0;
  let chars = 0;
  for (let i = 0; i < picked; i++) {
    chars += stringifyWandbJson(rows[Math.floor((i * rows.length) / picked)]).length + 1;
  }
  return picked === rows.length ? chars : Math.round((chars / picked) * rows.length);
}

/** Progress of a bulk export, sent after every run (and once at the start). */
export interface ExportProgress {
  /** Runs finished, skipped ones included. */
  runsDone: number;
  /** Runs skipped because `skip` said they were done already (a resumed export). */
  runsSkipped: number;
  /** Runs in the listing (`runs.length()`), or null when unknown. */
  runsTotal: number | null;
  /** History rows read so far. */
  rows: number;
  /**
   * Bytes of history read so far as compact JSON text, one line per row: exact for runs of up
   * to 16 rows, estimated from 16 rows spread over longer ones.
   */
  bytes: number;
  /** Rows per second since the start. */
  rowsPerSecond: number;
  /** Seconds left at the current pace, or null when it cannot be told yet. */
  etaSeconds: number | null;
  /** Runs read at once right now (lowered after rate limits). */
  concurrency: number;
}

/** Counts what an export did and turns it into {@link ExportProgress} snapshots. */
export class ProgressTracker {
  private runsDone = 0;
  private runsSkipped = 0;
  private exported = 0;
  private rows = 0;
  private bytes = 0;
  /** Runs in the listing, once known. */
  runsTotal: number | null = null;
  private readonly started: number;

  constructor(private readonly now: () => number) {
    this.started = now();
  }

  /** Counts a run read now. */
  runExported(rows: number, bytes: number): void {
    this.runsDone += 1;
    this.exported += 1;
    this.rows += rows;
    this.bytes += bytes;
  }

  /** Counts a run left out (already done). */
  runSkipped(): void {
    this.runsDone += 1;
    this.runsSkipped += 1;
  }

  /** A snapshot; the ETA is based on the runs actually read, not the skipped ones. */
  snapshot(concurrency: number): ExportProgress {
    const seconds = Math.max((this.now() - this.started) / 1000, 1e-3);
    const left = this.runsTotal === null ? null : Math.max(0, this.runsTotal - this.runsDone);
    const runRate = this.exported / seconds;
    let etaSeconds: number | null = null;
    if (left === 0) etaSeconds = 0;
    else if (left !== null && runRate > 0) etaSeconds = left / runRate;
    return {
      runsDone: this.runsDone,
      runsSkipped: this.runsSkipped,
      runsTotal: this.runsTotal,
      rows: this.rows,
      bytes: this.bytes,
      rowsPerSecond: this.rows / seconds,
      etaSeconds,
      concurrency,
    };
  }
}
