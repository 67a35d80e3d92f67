import { describe, expect, it } from 'vitest';
import { sampleIndexes } from './sampling';

describe('sampleIndexes', () => {
  it('keeps everything that fits', () => {
    expect(sampleIndexes(3, 5)).toEqual([0, 1, 2]);
  });

  it('spreads the kept indexes evenly, keeping the first and the last', () => {
    expect(sampleIndexes(10, 4)).toEqual([0, 3, 6, 9]);
    expect(sampleIndexes(1000, 2)).toEqual([0, 999]);
  });

  it('handles degenerate sizes', () => {
    expect(sampleIndexes(0, 5)).toEqual([]);
    expect(sampleIndexes(5, 0)).toEqual([]);
    expect(sampleIndexes(5, 1)).toEqual([0]);
  });
});
