import { describe, expect, it } from 'vitest';
import { stringifyWandbJson } from '../json';
import { estimateJsonChars, SAMPLED_ROWS } from './export-progress';

const exact = (rows: unknown[]) =>
  rows.reduce<number>((sum, row) => sum + stringifyWandbJson(row).length + 1, 0);

describe('estimateJsonChars', () => {
  it('is exact for short runs, non-finite values included', () => {
    const rows = [{ _step: 0, loss: Number.NaN }, { _step: 1, loss: 0.5, tag: 'é' }, {}];
    expect(estimateJsonChars(rows)).toBe(exact(rows));
    expect(estimateJsonChars([])).toBe(0);
  });

  it('is close for long runs while turning only a few rows into text', () => {
    const rows = Array.from({ length: 5000 }, (_, step) => ({
      _step: step,
      loss: 1 / (step + 1),
      note: 'x'.repeat(step % 40),
    }));
    const estimate = estimateJsonChars(rows);
    expect(Math.abs(estimate - exact(rows)) / exact(rows)).toBeLessThan(0.05);
    let reads = 0;
    const counted = rows.map((row) => ({ toJSON: () => (reads++, row) }));
    estimateJsonChars(counted);
    expect(reads).toBe(SAMPLED_ROWS);
  });
});
