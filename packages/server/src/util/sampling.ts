/**
 * Indexes kept when down-sampling `count` items to at most `samples`: all of them when they fit,
 * otherwise `round(i * (count - 1) / (samples - 1))` for i = 0..samples-1, which is
 * deterministic and keeps the first and the last item.
 */
export function sampleIndexes(count: number, samples: number): number[] {
  if (count <= 0 || samples <= 0) return [];
  if (count <= samples) return Array.from({ length: count }, (_, i) => i);
  if (samples === 1) return [0];
  const out: number[] = [];
  for (let i = 0; i < samples; i++) out.push(Math.round((i * (count - 1)) / (samples - 1)));
  return out;
}
