import { describe, expect, it } from 'vitest';
import { columnChunk, type PageSpec, type PageType } from '../../../../test/helpers/parquet-pages';
import { FlatChunkError, NotFlatError } from './byte-cursor';
import { decodeFlatChunk, type FlatColumnSpec, type FloatColumn } from './flat-chunk';

/** Decodes a chunk and answers its rows as numbers, null where `present` is 0. */
function decode(chunk: Uint8Array, spec: FlatColumnSpec, rows: number): (number | null)[] {
  const out: FloatColumn = { values: new Float64Array(rows), present: new Uint8Array(rows) };
  decodeFlatChunk(chunk, spec, out, rows);
  return Array.from(out.values, (v, i) => (out.present[i] === 1 ? v : null));
}

const spec = (
  type: PageType,
  optional = true,
  codec: FlatColumnSpec['codec'] = 'SNAPPY',
): FlatColumnSpec => ({
  type,
  optional,
  codec,
});

// Nulls in the middle, not on a multiple of 8, and a long run of values (an RLE run of levels).
const gappy = [1.5, null, -2, NaN, null, Infinity, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, null, 0.25];
const dense = Array.from({ length: 20 }, (_, i) => i / 4 - 1);

describe('decodeFlatChunk', () => {
  for (const version of [1, 2] as const) {
    for (const codec of ['SNAPPY', 'UNCOMPRESSED'] as const) {
      it(`reads page v${version}, ${codec}: bit-packed levels with nulls in the middle, and an RLE run`, () => {
        const chunk = columnChunk('DOUBLE', true, [{ rows: gappy, version, codec }]);
        expect(decode(chunk, spec('DOUBLE', true, codec), gappy.length)).toEqual(gappy);
      });

      it(`reads page v${version}, ${codec}: levels that are one RLE run (no nulls)`, () => {
        const chunk = columnChunk('DOUBLE', true, [{ rows: dense, version, codec }]);
        expect(decode(chunk, spec('DOUBLE', true, codec), dense.length)).toEqual(dense);
      });

      it(`reads page v${version}, ${codec}: a dictionary and dictionary-encoded values with nulls`, () => {
        const rows = [2, 2, null, 7.5, 2, null, -1, 7.5, 7.5, 7.5, 7.5, 7.5, 7.5, 7.5, 7.5, 2];
        const chunk = columnChunk('DOUBLE', true, [{ rows, version, codec, dictionary: true }], [2, 7.5, -1]);
        expect(decode(chunk, spec('DOUBLE', true, codec), rows.length)).toEqual(rows);
      });
    }
  }

  it('reads a chunk of several pages, v1 and v2 mixed, into consecutive rows', () => {
    const pages: PageSpec[] = [
      { rows: [1, null, 3], version: 1, codec: 'SNAPPY' },
      { rows: [null, null], version: 2, codec: 'SNAPPY' },
      { rows: [6, 7, null, 9], version: 2, codec: 'SNAPPY', dictionary: true },
    ];
    const chunk = columnChunk('DOUBLE', true, pages, [9, 7, 6]);
    expect(decode(chunk, spec('DOUBLE'), 9)).toEqual([1, null, 3, null, null, 6, 7, null, 9]);
  });

  it('decompresses pages of PLAIN doubles without nulls straight into their rows, beside pages that have nulls', () => {
    // v2 pages keep their levels outside the compressed bytes; v1 pages of a REQUIRED column have none.
    const optional: PageSpec[] = [
      { rows: [1, 2, 3], version: 2, codec: 'SNAPPY' },
      { rows: [4, null, 6], version: 2, codec: 'SNAPPY' },
      { rows: [7, 8, 9, 10], version: 2, codec: 'SNAPPY' },
      { rows: [-0, NaN, -Infinity], version: 1, codec: 'SNAPPY' },
    ];
    expect(decode(columnChunk('DOUBLE', true, optional), spec('DOUBLE'), 13)).toEqual([
      1,
      2,
      3,
      4,
      null,
      6,
      7,
      8,
      9,
      10,
      -0,
      NaN,
      -Infinity,
    ]);
    const required: PageSpec[] = [
      { rows: [0.5, 1.5], version: 1, codec: 'SNAPPY' },
      { rows: [2.5, 3.5, 4.5], version: 2, codec: 'SNAPPY' },
    ];
    expect(decode(columnChunk('DOUBLE', false, required), spec('DOUBLE', false), 5)).toEqual([
      0.5, 1.5, 2.5, 3.5, 4.5,
    ]);
  });

  it('reads REQUIRED columns (no levels) of FLOAT, INT32 and INT64', () => {
    const floats = [0.5, -1.25, Math.fround(3e10)];
    expect(
      decode(
        columnChunk('FLOAT', false, [{ rows: floats, version: 1, codec: 'SNAPPY' }]),
        spec('FLOAT', false),
        3,
      ),
    ).toEqual(floats);
    const ints = [0, -5, 2147483647, -2147483648];
    expect(
      decode(
        columnChunk('INT32', false, [{ rows: ints, version: 2, codec: 'SNAPPY' }]),
        spec('INT32', false),
        4,
      ),
    ).toEqual(ints);
    const longs = [0n, -1n, 2n ** 53n - 1n, -(2n ** 53n) + 1n, 4294967296n, -4294967297n];
    const chunk = columnChunk('INT64', false, [{ rows: longs, version: 1, codec: 'UNCOMPRESSED' }]);
    expect(decode(chunk, spec('INT64', false, 'UNCOMPRESSED'), longs.length)).toEqual(longs.map(Number));
  });

  it('leaves an INT64 beyond the safe integers to hyparquet (never rounded)', () => {
    const chunk = columnChunk('INT64', true, [{ rows: [1n, null, 2n ** 53n], version: 2, codec: 'SNAPPY' }]);
    expect(() => decode(chunk, spec('INT64'), 3)).toThrow(NotFlatError);
  });

  it('leaves a page of another value encoding (DELTA_BINARY_PACKED) to hyparquet', () => {
    const chunk = columnChunk('INT32', true, [{ rows: [1, 2], version: 2, codec: 'SNAPPY', encoding: 5 }]);
    expect(() => decode(chunk, spec('INT32'), 2)).toThrow(NotFlatError);
  });

  it('refuses a truncated chunk, a page past its chunk, and a chunk with fewer rows than its group', () => {
    const chunk = columnChunk('DOUBLE', true, [{ rows: gappy, version: 1, codec: 'SNAPPY' }]);
    expect(() => decode(chunk.subarray(0, chunk.length - 5), spec('DOUBLE'), gappy.length)).toThrow(
      FlatChunkError,
    );
    expect(() => decode(chunk, spec('DOUBLE'), gappy.length + 1)).toThrow(FlatChunkError);
    const corrupt = chunk.slice();
    corrupt.fill(0xff, corrupt.length - 30); // inside the compressed body
    expect(() => decode(corrupt, spec('DOUBLE'), gappy.length)).toThrow();
  });

  it('refuses a dictionary index out of range, and dictionary values without a dictionary', () => {
    const out = columnChunk(
      'DOUBLE',
      false,
      [{ rows: [7.5], version: 2, codec: 'SNAPPY', dictionary: true }],
      [2],
      [2, 7.5],
    );
    expect(() => decode(out, spec('DOUBLE', false), 1)).toThrow(/dictionary index 1 out of range/);
    const none = columnChunk(
      'DOUBLE',
      false,
      [{ rows: [7.5], version: 1, codec: 'SNAPPY', dictionary: true }],
      [],
      [2, 7.5],
    );
    expect(() => decode(none, spec('DOUBLE', false), 1)).toThrow(/without a dictionary page/);
  });
});
