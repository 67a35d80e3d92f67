// Runs one measured task in this process while sampling memory, and reports the figures.

/** Figures of one measured task. */
export interface Measurement {
  /** Work items done (rows, runs, bytes ...), as counted by the task itself. */
  items: number;
  seconds: number;
  /** CPU time (user + system) of this process during the task, microseconds. */
  cpuMicros: number;
  /** Peak resident set size of the process, MB. */
  peakRssMb: number;
  /** Peak V8 heap in use (sampled every 10 ms), MB. */
  peakHeapMb: number;
  /** Extra figures a task reports (e.g. RSS after N rows). */
  extra?: Record<string, number>;
}

export type Task = (report: (extra: Record<string, number>) => void) => Promise<number>;

const MB = 1024 * 1024;

export async function measure(task: Task): Promise<Measurement> {
  globalThis.gc?.();
  let peakHeap = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }, 10);
  const extra: Record<string, number> = {};
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  try {
    const items = await task((values) => Object.assign(extra, values));
    const cpu = process.cpuUsage(cpuBefore);
    const seconds = (performance.now() - started) / 1000;
    return {
      items,
      seconds,
      cpuMicros: cpu.user + cpu.system,
      peakRssMb: (process.resourceUsage().maxRSS * 1024) / MB,
      peakHeapMb: peakHeap / MB,
      ...(Object.keys(extra).length > 0 ? { extra } : {}),
    };
  } finally {
    clearInterval(sampler);
  }
}

/** Current RSS in MB. */
export function rssMb(): number {
  return process.memoryUsage().rss / MB;
}
