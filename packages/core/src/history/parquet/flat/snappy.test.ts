import { snappyCompress } from 'hyparquet-writer/src/snappy.js';
import { describe, expect, it } from 'vitest';
import { FlatChunkError } from './byte-cursor';
import { snappyDecompress } from './snappy';

function roundTrip(raw: Uint8Array): Uint8Array {
  const out = new Uint8Array(raw.length);
  snappyDecompress(snappyCompress(raw), out);
  return out;
}

describe('snappyDecompress', () => {
  it('restores long literals (random floats), short and self-overlapping copies (counters, runs)', () => {
    const floats = new Uint8Array(Float64Array.from({ length: 5000 }, (_, i) => Math.sin(i) * 1e3).buffer);
    const counters = new Uint8Array(Float64Array.from({ length: 5000 }, (_, i) => i).buffer);
    const runs = Uint8Array.from({ length: 70_000 }, (_, i) => (i < 30_000 ? 7 : (i >> 3) & 0xff));
    for (const raw of [floats, counters, runs, new Uint8Array(0), Uint8Array.of(1)])
      expect(roundTrip(raw)).toEqual(raw);
  });

  it('refuses a length that differs from the page header, and input cut short', () => {
    const raw = new Uint8Array(Float64Array.from({ length: 100 }, (_, i) => i * 0.1).buffer);
    const packed = snappyCompress(raw);
    expect(() => snappyDecompress(packed, new Uint8Array(raw.length + 1))).toThrow(FlatChunkError);
    expect(() => snappyDecompress(packed.subarray(0, packed.length - 3), new Uint8Array(raw.length))).toThrow(
      FlatChunkError,
    );
  });
});
