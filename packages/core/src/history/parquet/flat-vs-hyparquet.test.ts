import { bytesOverFetch } from '../../transport/get-bytes';
import { readFileSync } from 'node:fs';
import { parquetMetadata } from 'hyparquet';
import { parquetWriteBuffer, type ColumnSource } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import type { HistoryRow } from '../history';
import { ExportFile } from './export-file';

const URL_ = 'https://bucket.test/exports/run-1.parquet?X-Signature=abc';

/** A fetch serving `bytes` like an object store (HEAD, Range → 206). */
function serve(bytes: Uint8Array): typeof fetch {
  return async (_input, init) => {
    if (init?.method === 'HEAD')
      return new Response(null, { headers: { 'Content-Length': String(bytes.length) } });
    const match = /bytes=(\d+)-(\d+)/.exec(new Headers(init?.headers).get('range') ?? '');
    const start = Number(match?.[1] ?? 0);
    const end = Math.min(Number(match?.[2] ?? bytes.length - 1), bytes.length - 1);
    return new Response(bytes.slice(start, end + 1), {
      status: 206,
      headers: { 'Content-Range': `bytes ${start}-${end}/${bytes.length}` },
    });
  };
}

/** Every row of the file, each row group decoded with the flat decoder or with hyparquet alone. */
async function rows(bytes: Uint8Array, flat: boolean, keys?: string[]): Promise<HistoryRow[]> {
  const f = await ExportFile.open(URL_, 0, { get: bytesOverFetch(serve(bytes)), retry: { baseDelayMs: 0 } });
  const out: HistoryRow[] = [];
  const columns = f.projection(keys);
  for (const g of f.groups) {
    const group = await f.decodeGroup(g, columns, { flat });
    const n = group.steps.length;
    out.push(...(keys ? group.keyedRows(0, n, ['_step', ...keys]) : group.rows(0, n)));
  }
  return out;
}

const N = 300;
const at = (i: number, every: number) => i % every === 0;
const columns: ColumnSource[] = [
  { name: '_step', data: Array.from({ length: N }, (_, i) => i * 2), type: 'DOUBLE', nullable: false },
  // Nulls in runs and alone; NaN and infinities kept.
  {
    name: 'loss',
    data: Array.from({ length: N }, (_, i) =>
      (i > 40 && i < 60) || at(i, 7) ? null : i === 3 ? NaN : i === 4 ? -Infinity : 1 / (i + 1),
    ),
    type: 'DOUBLE',
  },
  {
    name: 'acc',
    data: Array.from({ length: N }, (_, i) => (at(i, 3) ? null : i / 8)),
    type: 'FLOAT',
    codec: 'UNCOMPRESSED',
  },
  // Few distinct values: a dictionary.
  {
    name: 'epoch',
    data: Array.from({ length: N }, (_, i) => (at(i, 11) ? null : i % 4)),
    type: 'INT32',
    encoding: 'RLE_DICTIONARY',
  },
  {
    name: 'tokens',
    data: Array.from({ length: N }, (_, i) => (at(i, 5) ? null : BigInt(i) * 1000003n)),
    type: 'INT64',
  },
  // Left to hyparquet: an INT64 past 2^53, BYTE_STREAM_SPLIT floats, strings, a dotted name.
  {
    name: 'big',
    data: Array.from({ length: N }, (_, i) => (i === 150 ? 2n ** 60n : BigInt(i))),
    type: 'INT64',
  },
  {
    name: 'split',
    data: Array.from({ length: N }, (_, i) => (at(i, 4) ? null : i * 0.5)),
    type: 'DOUBLE',
    encoding: 'BYTE_STREAM_SPLIT',
  },
  { name: 'note', data: Array.from({ length: N }, (_, i) => (at(i, 2) ? null : `n${i}`)), type: 'STRING' },
  {
    name: 'train.lr',
    data: Array.from({ length: N }, (_, i) => (at(i, 9) ? null : 0.001 * i)),
    type: 'DOUBLE',
  },
];

function write(options: { codec: 'SNAPPY' | 'UNCOMPRESSED'; pageSize: number }): Uint8Array {
  return new Uint8Array(parquetWriteBuffer({ columnData: columns, rowGroupSize: 128, ...options }));
}

describe('the flat decoder against hyparquet', () => {
  for (const codec of ['SNAPPY', 'UNCOMPRESSED'] as const) {
    for (const pageSize of [200, 1 << 20]) {
      it(`gives the same rows, ${codec}, ${pageSize === 200 ? 'many pages a chunk' : 'one page a chunk'}`, async () => {
        const bytes = write({ codec, pageSize });
        const encodings = parquetMetadata(bytes.slice().buffer).row_groups[0]?.columns.map(
          (c) => c.meta_data?.encodings,
        );
        expect(encodings?.flat()).toContain('RLE_DICTIONARY'); // the dictionary path is taken
        const fast = await rows(bytes, true);
        expect(fast).toEqual(await rows(bytes, false));
        expect(fast).toHaveLength(N);
        expect(fast[3]).toMatchObject({ _step: 6, loss: NaN, epoch: 3, big: 3 });
        expect(fast[4]).toMatchObject({ _step: 8, loss: -Infinity, acc: 0.5, epoch: 0, tokens: 4000012 });
        expect(fast[150]?.big).toBe(2n ** 60n);
        expect(fast[42]).not.toHaveProperty('loss');
        expect(Object.keys(fast[1] as object)).toEqual([
          '_step',
          'loss',
          'acc',
          'epoch',
          'tokens',
          'big',
          'split',
          'note',
          'train',
        ]);
        expect(await rows(bytes, true, ['loss', 'epoch'])).toEqual(
          await rows(bytes, false, ['loss', 'epoch']),
        );
      });
    }
  }

  it('names the column whose chunk is corrupt', async () => {
    const bytes = write({ codec: 'SNAPPY', pageSize: 1 << 20 });
    const meta = parquetMetadata(bytes.slice().buffer).row_groups[0]?.columns[1]?.meta_data;
    const start = Number(meta?.dictionary_page_offset ?? meta?.data_page_offset);
    const bad = bytes.slice();
    bad.fill(0x15, start, start + 6); // a page header that no longer parses as one
    await expect(rows(bad, true)).rejects.toMatchObject({
      name: 'ParquetHistoryFormatError',
      column: 'loss',
    });
  });

  // Written by DuckDB 1.5 (test/fixtures/parquet/README.md): data pages v1 with PLAIN values and a
  // PLAIN_DICTIONARY column, SNAPPY and uncompressed; v2 with BYTE_STREAM_SPLIT and DELTA (hyparquet's).
  for (const name of ['duckdb-v1-snappy', 'duckdb-v1-uncompressed', 'duckdb-v2-snappy']) {
    it(`gives the same rows for ${name}.parquet`, async () => {
      const bytes = new Uint8Array(
        readFileSync(new URL(`../../../test/fixtures/parquet/${name}.parquet`, import.meta.url)),
      );
      const fast = await rows(bytes, true);
      expect(fast).toEqual(await rows(bytes, false));
      expect(fast).toHaveLength(2500);
      expect(fast[1]).toEqual({ _step: 1, loss: 0.5, acc: 0.125, epoch: 1, tokens: 1000003, note: 'n1' });
      expect(fast[3]).toEqual({ _step: 3, acc: 0.375, epoch: 3, note: 'n3' });
      expect(fast[420]).toEqual({ _step: 420, epoch: 0 });
      expect(await rows(bytes, true, ['loss'])).toEqual(await rows(bytes, false, ['loss']));
    });
  }
});
