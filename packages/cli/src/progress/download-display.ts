import type { ArtifactDownloadProgress } from '@wbapi/node';
import { formatBytes, formatEta, terminalBar, type ProgressTarget } from './progress-display';

/** Shows an artifact download's progress: a redrawn bar on a terminal, a line per file otherwise. */
export interface DownloadDisplay {
  /** Shows the latest counts. */
  update(progress: ArtifactDownloadProgress): void;
  /** Ends the display (the bar stays on screen). */
  stop(): void;
}

/** Bytes per second and seconds left, from the bytes done since `startMs`. */
function pace(p: ArtifactDownloadProgress, startMs: number): { speed: string; left: string } {
  const seconds = (performance.now() - startMs) / 1000;
  const rate = seconds > 0 ? p.bytes / seconds : 0;
  // Under a second the rate says little (the first bytes include the requests' latency).
  const eta = rate > 0 && seconds >= 1 ? (p.totalBytes - p.bytes) / rate : p.bytes >= p.totalBytes ? 0 : null;
  return { speed: `${formatBytes(Math.round(rate))}/s`, left: formatEta(eta) };
}

/** The plain line printed per finished file when not on a terminal. */
export function downloadLine(label: string, p: ArtifactDownloadProgress, startMs: number): string {
  const { speed, left } = pace(p, startMs);
  return (
    `${label}: files ${p.files}/${p.totalFiles}, ${formatBytes(p.bytes)} of ${formatBytes(p.totalBytes)}, ` +
    `${speed}, ETA ${left}\n`
  );
}

/** A bar (cli-progress) over the bytes on a terminal, else a plain line whenever a file is done. */
export function createDownloadDisplay(label: string, target: ProgressTarget): DownloadDisplay {
  const startMs = performance.now();
  if (target.stream.isTTY) return barDisplay(label, target.stream, startMs);
  let files = -1;
  return {
    update(progress) {
      if (progress.files === files) return;
      files = progress.files;
      target.stream.write(downloadLine(label, progress, startMs));
    },
    stop() {},
  };
}

function barDisplay(label: string, stream: NodeJS.WritableStream, startMs: number): DownloadDisplay {
  const bar = terminalBar(
    stream,
    `${label} [{bar}] {files}/{totalFiles} files | {done} of {size} | {speed} | ETA {left}`,
  );
  let started = false;
  return {
    update(p) {
      const payload = {
        files: p.files,
        totalFiles: p.totalFiles,
        done: formatBytes(p.bytes),
        size: formatBytes(p.totalBytes),
        ...pace(p, startMs),
      };
      if (!started) {
        bar.start(p.totalBytes, p.bytes, payload);
        started = true;
      } else bar.update(p.bytes, payload);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
