import { SingleBar } from 'cli-progress';
import type { ExportProgress } from '@wbapi/node';

/** Where progress goes: a stream and whether it is a terminal. */
export interface ProgressTarget {
  /** Usually `process.stderr`. */
  stream: NodeJS.WritableStream & { isTTY?: boolean };
}

/** Shows export progress: a redrawn bar on a terminal, one plain line per run otherwise. */
export interface ProgressDisplay {
  /** Shows the latest counts; `bytes` are those written to the output. */
  update(progress: ExportProgress, bytes: number): void;
  /** Ends the display (the bar stays on screen, finished). */
  stop(): void;
}

/** `1.2 MB`, `340 B`. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** `1h02m`, `3m05s`, `12s`, `?`. */
export function formatEta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  if (s >= 3600) return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
}

/** The plain progress line printed per run when not on a terminal. */
export function progressLine(p: ExportProgress, bytes: number): string {
  const total = p.runsTotal === null ? '?' : String(p.runsTotal);
  const skipped = p.runsSkipped > 0 ? ` (${p.runsSkipped} already done)` : '';
  return (
    `runs ${p.runsDone}/${total}${skipped}, ${p.rows} rows, ${formatBytes(bytes)}, ` +
    `${Math.round(p.rowsPerSecond)} rows/s, ETA ${formatEta(p.etaSeconds)}, concurrency ${p.concurrency}\n`
  );
}

/** A bar (cli-progress) on a terminal, else plain lines. */
export function createProgressDisplay(target: ProgressTarget): ProgressDisplay {
  if (target.stream.isTTY) return barDisplay(target.stream);
  let last = '';
  return {
    update(progress, bytes) {
      const line = progressLine(progress, bytes);
      if (line !== last) target.stream.write(line);
      last = line;
    },
    stop() {},
  };
}

/** The bar every `wbapi` command draws on a terminal, with `format` (cli-progress placeholders). */
export function terminalBar(stream: NodeJS.WritableStream, format: string): SingleBar {
  return new SingleBar({
    stream,
    format,
    barCompleteChar: '█',
    barIncompleteChar: '░',
    hideCursor: true,
    fps: 10,
  });
}

function barDisplay(stream: NodeJS.WritableStream): ProgressDisplay {
  const bar = terminalBar(
    stream,
    'export [{bar}] {value}/{total} runs | {rows} rows | {size} | {speed} rows/s | ETA {left} | x{concurrency}',
  );
  let started = false;
  return {
    update(p, bytes) {
      const payload = {
        rows: p.rows,
        size: formatBytes(bytes),
        speed: Math.round(p.rowsPerSecond),
        left: formatEta(p.etaSeconds),
        concurrency: p.concurrency,
      };
      if (!started) {
        bar.start(p.runsTotal ?? 0, p.runsDone, payload);
        started = true;
      } else {
        if (p.runsTotal !== null) bar.setTotal(p.runsTotal);
        bar.update(p.runsDone, payload);
      }
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
