/** A `_step` value (a statistic or a row's) as an integer step; null when it is none. */
export function toStep(value: unknown): number | null {
  // `+ 0` turns the -0.0 that writers put in float statistics into 0.
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) + 0 : null;
  if (typeof value === 'bigint') return Number(value);
  return null;
}
