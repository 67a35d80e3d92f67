import { describe, expect, it } from 'vitest';
import { anyKeySpecs, chunks, fetchAnyKeyRows, mergeByAxis, MAX_SPECS_PER_REQUEST } from './match-any';

describe('match any', () => {
  it('plans one spec per key, the x axis first in each, ranges kept', () => {
    expect(anyKeySpecs(['loss', 'acc', 'loss', '_step'], '_step', 10, { minStep: 0, maxStep: 9 })).toEqual([
      { keys: ['_step', 'loss'], samples: 10, minStep: 0, maxStep: 9 },
      { keys: ['_step', 'acc'], samples: 10, minStep: 0, maxStep: 9 },
    ]);
    expect(anyKeySpecs(['_step'], '_step', 5)).toEqual([{ keys: ['_step'], samples: 5 }]);
    expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('outer-joins by the x axis in ascending order, keeping repeated x values', () => {
    const merged = mergeByAxis(
      [
        [
          { epoch: 2, loss: 0.2 },
          { epoch: 1, loss: 0.5 },
          { epoch: 1, loss: 0.4 },
        ],
        [
          { epoch: 1, acc: 0.1 },
          { epoch: 3, acc: 0.9 },
          { epoch: 'final', acc: 1 },
        ],
      ],
      'epoch',
    );
    expect(merged).toEqual([
      { epoch: 1, loss: 0.5, acc: 0.1 },
      { epoch: 1, loss: 0.4 },
      { epoch: 2, loss: 0.2 },
      { epoch: 3, acc: 0.9 },
      { epoch: 'final', acc: 1 },
    ]);
  });

  it(`sends at most ${MAX_SPECS_PER_REQUEST} specs per request and merges every answer`, async () => {
    const keys = Array.from({ length: 11 }, (_, i) => `k${i}`);
    const sent: string[][] = [];
    const rows = await fetchAnyKeyRows(
      (specs) => {
        sent.push(specs);
        return Promise.resolve(
          specs.map((text) => {
            const key = (JSON.parse(text) as { keys: string[] }).keys[1] as string;
            return [{ _step: Number(key.slice(1)), [key]: 1 }];
          }),
        );
      },
      keys,
      '_step',
      100,
    );
    expect(sent.map((batch) => batch.length)).toEqual([8, 3]);
    expect(rows.map((row) => row['_step'])).toEqual(keys.map((_, i) => i));
  });
});
