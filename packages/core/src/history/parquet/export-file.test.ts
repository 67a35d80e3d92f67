import { bytesOverFetch } from '../../transport/get-bytes';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { ExportUrlError } from './export-url-error';
import { ParquetHistoryFormatError } from './parquet-history-format-error';
import { ExportFile } from './export-file';
import { newFetchStats } from './fetch-stats';

const URL_ = 'https://bucket.test/exports/run-1.parquet?X-Signature=abc';

/** A fetch serving `bytes` like an object store (HEAD, Range → 206); `tamper` may change a reply. */
function serve(
  bytes: Uint8Array,
  tamper?: (range: string | null, reply: Response) => Response | null,
): typeof fetch {
  return async (_input, init) => {
    const range = new Headers(init?.headers).get('range');
    if (init?.method === 'HEAD')
      return new Response(null, { headers: { 'Content-Length': String(bytes.length) } });
    const match = /bytes=(\d+)-(\d+)/.exec(range ?? '');
    const start = Number(match?.[1] ?? 0);
    const end = Math.min(Number(match?.[2] ?? bytes.length - 1), bytes.length - 1);
    const reply = new Response(bytes.slice(start, end + 1), {
      status: 206,
      headers: { 'Content-Range': `bytes ${start}-${end}/${bytes.length}` },
    });
    return tamper?.(range, reply) ?? reply;
  };
}

function file(columns: Parameters<typeof parquetWriteBuffer>[0]['columnData']): Uint8Array {
  return new Uint8Array(parquetWriteBuffer({ columnData: columns, rowGroupSize: 2 }));
}

const steps = { name: '_step', data: [0, 1, 2, 3], type: 'DOUBLE' as const, nullable: false };
const good = file([steps, { name: 'loss', data: [1, NaN, null, -Infinity], type: 'DOUBLE' as const }]);

async function readAll(bytes: Uint8Array, columns?: string[], fetch = serve(bytes)) {
  const f = await ExportFile.open(URL_, 0, { get: bytesOverFetch(fetch), retry: { baseDelayMs: 0 } });
  const rows = [];
  for (const g of f.groups) rows.push(...(await f.readGroup(g, columns ?? f.projection(undefined))));
  return rows;
}

describe('ExportFile', () => {
  it('reads rows, leaving out nulls and keeping NaN and -Infinity, with row groups from the statistics', async () => {
    const f = await ExportFile.open(URL_, 0, { get: bytesOverFetch(serve(good)) });
    expect(f.groups.map((g) => [g.minStep, g.maxStep])).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(await readAll(good)).toEqual([
      { _step: 0, loss: 1 },
      { _step: 1, loss: NaN },
      { _step: 2 },
      { _step: 3, loss: -Infinity },
    ]);
  });

  it('refuses a truncated file and one that is not Parquet', async () => {
    await expect(readAll(good.slice(0, good.length - 20))).rejects.toBeInstanceOf(ParquetHistoryFormatError);
    await expect(
      readAll(new TextEncoder().encode('<html><body>Sign in</body></html>')),
    ).rejects.toBeInstanceOf(ParquetHistoryFormatError);
  });

  it('refuses an HTML error page answered with 200', async () => {
    const html = serve(good, (range, reply) =>
      range ? new Response('<html/>', { status: 200, headers: { 'Content-Type': 'text/html' } }) : reply,
    );
    await expect(readAll(good, undefined, html)).rejects.toBeInstanceOf(ExportUrlError);
  });

  it('refuses a file without _step and a _step that goes down', async () => {
    await expect(readAll(file([{ name: 'loss', data: [1, 2], type: 'DOUBLE' }]))).rejects.toMatchObject({
      column: '_step',
    });
    const down = file([{ name: '_step', data: [0, 5, 3, 4], type: 'DOUBLE', nullable: false }]);
    await expect(readAll(down)).rejects.toMatchObject({ name: 'ParquetHistoryFormatError', column: '_step' });
  });

  it('names a column of a type it does not decode, and reads the file when that column is not asked for', async () => {
    const stamped = file([
      steps,
      { name: 'when', data: [new Date(0), new Date(1), new Date(2), new Date(3)], type: 'TIMESTAMP' },
    ]);
    await expect(readAll(stamped)).rejects.toMatchObject({
      name: 'ParquetHistoryFormatError',
      column: 'when',
    });
    expect(await readAll(stamped, ['_step'])).toHaveLength(4);
  });

  it('retries a short or dropped body and counts the traffic', async () => {
    let cut = 2;
    const flaky = serve(good, (range, reply) =>
      range && cut-- > 0 ? new Response(new Uint8Array(1), { status: 206, headers: reply.headers }) : reply,
    );
    const stats = newFetchStats();
    const f = await ExportFile.open(URL_, 0, {
      get: bytesOverFetch(flaky),
      stats,
      retry: { baseDelayMs: 0 },
    });
    expect(await f.readGroup(f.groups[0]!, ['_step'])).toEqual([{ _step: 0 }, { _step: 1 }]);
    expect(stats.requests).toBeGreaterThanOrEqual(5);
  });

  it('falls back to a ranged GET when HEAD is refused', async () => {
    const noHead: typeof fetch = (input, init) =>
      init?.method === 'HEAD'
        ? Promise.resolve(new Response(null, { status: 403 }))
        : serve(good)(input, init);
    expect(await readAll(good, undefined, noHead)).toHaveLength(4);
  });

  it('decodes binary JSON, union structs and lists', async () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    const bytes = new Uint8Array(
      parquetWriteBuffer({
        columnData: [
          { name: '_step', data: [0n, 1n] },
          { name: 'j', data: [enc('{"a":[1,NaN]}'), enc('null')] },
          {
            name: 'u',
            data: [
              { _type_number: null, _type_string: 'x' },
              { _type_number: null, _type_string: null },
            ],
          },
          { name: 'train.lr', data: [0.1, null] },
        ],
        schema: [
          { name: 'root', num_children: 4 },
          { name: '_step', type: 'INT64', repetition_type: 'REQUIRED' },
          { name: 'j', type: 'BYTE_ARRAY', repetition_type: 'OPTIONAL' },
          { name: 'u', repetition_type: 'OPTIONAL', num_children: 2 },
          { name: '_type_number', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
          { name: '_type_string', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
          { name: 'train.lr', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
        ],
      }),
    );
    expect(await readAll(bytes)).toEqual([
      { _step: 0, j: { a: [1, NaN] }, u: 'x', train: { lr: 0.1 } },
      { _step: 1, j: null, u: null },
    ]);
  });
});
