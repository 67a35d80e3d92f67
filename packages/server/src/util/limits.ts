/** Page size used when a connection's `first` is null or absent. */
export const DEFAULT_PAGE_SIZE = 50;
/** Largest page a connection returns; a bigger `first` is capped to it. */
export const MAX_PAGE_SIZE = 1000;
/** `samples` used by `history`, `events` and `sampledHistory` when none is given. */
export const DEFAULT_HISTORY_SAMPLES = 500;
/** Largest number of history rows one request returns; a bigger `samples` is capped to it. */
export const MAX_HISTORY_SAMPLES = 100_000;

/** Applies the default and the cap to a connection's `first` argument. */
export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  return Math.max(0, Math.min(first, MAX_PAGE_SIZE));
}

/** Applies the default and the cap to a history `samples` argument. */
export function historySamples(samples: number | null | undefined): number {
  if (samples === null || samples === undefined) return DEFAULT_HISTORY_SAMPLES;
  return Math.max(0, Math.min(samples, MAX_HISTORY_SAMPLES));
}
