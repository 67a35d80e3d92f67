import { hashUnit } from './prng';

/** Seconds between two system-metric samples. */
const INTERVAL_SECONDS = 15;
/** At most this many samples per run, however long it ran. */
const MAX_SAMPLES = 2000;

const round = (value: number): number => Math.round(value * 100) / 100;

/** Number of system-metric rows for a run of `runtimeSeconds`. */
export function eventCount(runtimeSeconds: number): number {
  return Math.max(1, Math.min(MAX_SAMPLES, Math.ceil(runtimeSeconds / INTERVAL_SECONDS)));
}

/** The system metrics of sample `index` (without `_runtime`/`_timestamp`). */
function sample(seed: number, index: number, gpu: boolean): Record<string, number> {
  const n = (k: number): number => hashUnit(seed, index, k) * 2 - 1;
  const row: Record<string, number> = {
    'system.cpu': round(35 + 20 * n(1)),
    'system.memory': round(42 + 3 * n(2) + Math.min(10, index * 0.05)),
    'system.disk': round(61.5 + 0.01 * index),
    'system.proc.memory.rssMB': round(2400 + 150 * n(3)),
  };
  if (gpu) {
    row['system.gpu.0.gpu'] = round(88 + 10 * n(4));
    row['system.gpu.0.memory'] = round(71 + 5 * n(5));
    row['system.gpu.0.temp'] = round(67 + 4 * n(6));
  }
  return row;
}

/** System-metric rows (the `events` stream), lazily: one every 15 s of the run. */
export function* systemRows(
  seed: number,
  runtimeSeconds: number,
  startSeconds: number,
  gpu: boolean,
): Generator<Record<string, unknown>> {
  const count = eventCount(runtimeSeconds);
  const step = runtimeSeconds / count;
  for (let i = 0; i < count; i++) {
    const at = Math.round((i + 1) * step * 1000) / 1000;
    yield {
      ...sample(seed, i, gpu),
      _runtime: at,
      _timestamp: Math.round((startSeconds + at) * 1000) / 1000,
      _wandb: true,
    };
  }
}

/** The latest system metrics of a run (the last sample), as stored on the run. */
export function latestSystemMetrics(
  seed: number,
  runtimeSeconds: number,
  gpu: boolean,
): Record<string, unknown> {
  return sample(seed, eventCount(runtimeSeconds) - 1, gpu);
}
