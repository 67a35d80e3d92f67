import { describe, expect, it } from 'vitest';
import { batchFromRows, batchRows } from './history-batch';

describe('batchFromRows / batchRows', () => {
  const rows = [
    { _step: 0, loss: 0.5, tag: 'a' },
    { _step: 1, acc: Number.NaN, loss: Number.POSITIVE_INFINITY },
    { _step: 2, loss: 0.25, tag: { nested: [1, 2] }, acc: 0.9 },
  ];

  it('keeps numbers in Float64Arrays with a mask for rows that lack the key', () => {
    const batch = batchFromRows(rows);
    expect(batch.length).toBe(3);
    expect(Object.keys(batch.columns)).toEqual(['_step', 'loss', 'tag', 'acc']);
    expect(batch.columns['loss']).toEqual(new Float64Array([0.5, Number.POSITIVE_INFINITY, 0.25]));
    expect(batch.present['loss']).toBeUndefined();
    const acc = batch.columns['acc'] as Float64Array;
    expect(acc).toBeInstanceOf(Float64Array);
    expect(Number.isNaN(acc[1])).toBe(true);
    expect(Array.from(batch.present['acc'] as Uint8Array)).toEqual([0, 1, 1]);
  });

  it('keeps other values (strings, nested) in arrays with undefined where a row lacks the key', () => {
    const batch = batchFromRows(rows);
    expect(batch.columns['tag']).toEqual(['a', undefined, { nested: [1, 2] }]);
    expect(batch.present['tag']).toBeUndefined();
  });

  it('gives the rows back, NaN and ±Infinity included', () => {
    expect(batchRows(batchFromRows(rows))).toEqual(rows);
  });

  it('puts _step first even when the rows list it later', () => {
    const batch = batchFromRows([{ loss: 1, _step: 7 }]);
    expect(Object.keys(batch.columns)).toEqual(['_step', 'loss']);
    expect(batchRows(batch)).toEqual([{ _step: 7, loss: 1 }]);
  });
});
