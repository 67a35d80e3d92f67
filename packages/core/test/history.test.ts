import { beforeAll, describe, expect, it } from 'vitest';
import {
  BadInputError,
  batchRows,
  historyBatches,
  ParquetHistoryUnsupportedError,
  RateLimitError,
  WandbError,
  type HistoryBatch,
  type HistoryRow,
  type ScanHistoryOptions,
} from '../src';
import { webPlatform } from '../src/internal';
import { useTestServer } from './helpers/lifecycle';
import { testApi } from './helpers/server';

const testServer = useTestServer();

// Every scan below runs on both paths. The runs are exported the ways a scan meets them: dense
// up to step 120 (the rest live: the boundary of the merge), in row groups of 16; gappy whole,
// with an INT64 `_step` and groups of 7 steps; single whole; empty never.
beforeAll(() => {
  const { store } = testServer();
  const id = (name: string): number => (store.run('acme', 'history', name) as { id: number }).id;
  store.exportHistory(id('dense'), { upToStep: 120, rowGroupSize: 16 });
  store.exportHistory(id('gappy'), { stepType: 'int64', rowGroupSize: 7 });
  store.exportHistory(id('single'));
});

const SOURCES: NonNullable<ScanHistoryOptions['source']>[] = ['pages', 'parquet'];

const steps = (rows: HistoryRow[]): unknown[] => rows.map((row) => row['_step']);
const range = (from: number, to: number, stride = 1): number[] =>
  Array.from({ length: Math.ceil((to - from) / stride) }, (_, i) => from + i * stride);

async function collect(iterable: AsyncIterable<HistoryRow>): Promise<HistoryRow[]> {
  const rows: HistoryRow[] = [];
  for await (const row of iterable) rows.push(row);
  return rows;
}

/** The batches of a scan, and their rows back. */
async function collectBatches(
  iterable: AsyncIterable<HistoryBatch>,
): Promise<{ batches: HistoryBatch[]; rows: HistoryRow[] }> {
  const batches: HistoryBatch[] = [];
  for await (const batch of iterable) batches.push(batch);
  return { batches, rows: batches.flatMap(batchRows) };
}

describe('run.history', () => {
  it('returns sampled rows with every key, parsed', async () => {
    const run = await testApi(testServer()).run('acme/history/dense');
    const rows = await run.history({ samples: 1000 });
    expect(steps(rows)).toEqual(range(0, 250));
    expect(rows[3]).toEqual({ _step: 3, _runtime: 6, _timestamp: 1714557603, loss: 0.25 });
  });

  it('samples down to `samples` rows, keeping the first and the last', async () => {
    const rows = await (await testApi(testServer()).run('acme/history/dense')).history({ samples: 10 });
    expect(rows).toHaveLength(10);
    expect(rows[0]?.['_step']).toBe(0);
    expect(rows[9]?.['_step']).toBe(249);
  });

  it('with keys returns only rows having them, x axis first', async () => {
    const rows = await (
      await testApi(testServer()).run('acme/history/dense')
    ).history({ keys: ['acc'], samples: 1000 });
    expect(steps(rows)).toEqual(range(0, 250, 2));
    expect(Object.keys(rows[1] ?? {}).sort()).toEqual(['_step', 'acc']);
  });

  it('uses another x axis', async () => {
    const rows = await (
      await testApi(testServer()).run('acme/history/dense')
    ).history({ keys: ['loss'], xAxis: '_runtime', samples: 3 });
    expect(rows.every((row) => '_runtime' in row && 'loss' in row && !('_step' in row))).toBe(true);
  });

  it('reads the system stream', async () => {
    const rows = await (await testApi(testServer()).run('acme/history/dense')).history({ stream: 'system' });
    expect(rows).toHaveLength(20);
    expect(rows[5]).toMatchObject({ 'system.cpu': 5 });
  });

  it('returns columns', async () => {
    const columns = await (
      await testApi(testServer()).run('acme/history/gappy')
    ).history({ format: 'columns', samples: 5 });
    expect(columns['_step']).toEqual([0, 75, 150, 225, 300]);
    expect(columns['acc']).toEqual([0, null, 0.15, null, 0.3]);
  });
});

describe.each(SOURCES)('run.scanHistory (source %s)', (source) => {
  it('yields every row once, in order, across page boundaries', async () => {
    const run = await testApi(testServer()).run('acme/history/dense');
    for (const pageSize of [1, 7, 50, 250, 1000]) {
      expect(steps(await collect(run.scanHistory({ source, pageSize })))).toEqual(range(0, 250));
    }
  });

  it('treats maxStep as exclusive and minStep as inclusive', async () => {
    const run = await testApi(testServer()).run('acme/history/dense');
    expect(steps(await collect(run.scanHistory({ source, minStep: 10, maxStep: 20, pageSize: 3 })))).toEqual(
      range(10, 20),
    );
    expect(steps(await collect(run.scanHistory({ source, minStep: 245, maxStep: 10_000 })))).toEqual(
      range(245, 250),
    );
    expect(await collect(run.scanHistory({ source, minStep: 300 }))).toEqual([]);
  });

  it('with keys sends inclusive bounds correctly: no duplicate or lost boundary rows', async () => {
    const run = await testApi(testServer()).run('acme/history/dense');
    for (const pageSize of [2, 5, 64]) {
      const rows = await collect(run.scanHistory({ source, keys: ['acc'], pageSize }));
      expect(steps(rows)).toEqual(range(0, 250, 2));
      expect(Object.keys(rows[0] ?? {}).sort()).toEqual(['_step', 'acc']);
    }
    const bounded = await collect(
      run.scanHistory({ source, keys: ['loss'], minStep: 4, maxStep: 10, pageSize: 3 }),
    );
    expect(steps(bounded)).toEqual(range(4, 10));
  });

  it('keeps going over empty pages', async () => {
    const run = await testApi(testServer()).run('acme/history/gappy');
    const pages: number[] = [];
    for await (const page of run.scanHistory({ source, pageSize: 2 }).pages()) pages.push(page.length);
    expect(pages).toContain(0);
    expect(steps(await collect(run.scanHistory({ source, pageSize: 2 })))).toEqual(range(0, 301, 3));
  });

  it('reads a run whose only step is 0, and makes no page request without history', async () => {
    const api = testApi(testServer());
    expect(steps(await collect((await api.run('acme/history/single')).scanHistory({ source })))).toEqual([0]);
    const requests: string[] = [];
    const counting = testApi(testServer(), { hooks: { request: (e) => requests.push(e.operationName) } });
    expect(await collect((await counting.run('acme/history/empty')).scanHistory({ source }))).toEqual([]);
    expect(requests).toEqual(['Run', 'RunHistoryKeys']);
  });

  it('toArray takes a limit and iterating again starts over', async () => {
    const scan = (await testApi(testServer()).run('acme/history/dense')).scanHistory({
      source,
      pageSize: 10,
    });
    expect(steps(await scan.toArray({ limit: 15 }))).toEqual(range(0, 15));
    expect(steps(await scan.toArray({ limit: 3 }))).toEqual([0, 1, 2]);
  });

  it('rejects bad keys, page sizes and limits', async () => {
    const run = await testApi(testServer()).run('acme/history/dense');
    await expect(run.scanHistory({ source }).toArray({} as { limit: number })).rejects.toBeInstanceOf(
      BadInputError,
    );
    expect(() => run.scanHistory({ source, keys: 'loss' as unknown as string[] })).toThrow(BadInputError);
    expect(() => run.scanHistory({ source, pageSize: 0 })).toThrow(BadInputError);
  });
});

describe.each(SOURCES)('run.scanHistory under faults (source %s)', (source) => {
  const faults: Array<[string, () => void]> = [
    ['5xx', () => testServer().faults.update({ errorRate: 0.4, seed: 7 })],
    [
      '429 with Retry-After',
      () => testServer().faults.update({ rateLimitRate: 0.4, retryAfterSeconds: 2, seed: 3 }),
    ],
    ['dropped connections', () => testServer().faults.update({ resetRate: 0.4, seed: 5 })],
  ];
  it.each(faults)(
    'delivers every row exactly once, in order, with %s turned on mid-scan',
    async (_label, turnOn) => {
      const api = testApi(testServer());
      const run = await api.run('acme/history/dense');
      const rows: HistoryRow[] = [];
      for await (const row of run.scanHistory({ source, pageSize: 10 })) {
        rows.push(row);
        if (rows.length === 25) turnOn();
      }
      expect(steps(rows)).toEqual(range(0, 250));
      expect(api.sleeps.delays.length).toBeGreaterThan(0);
      if (_label.startsWith('429')) expect(api.sleeps.delays).toContain(2000);
    },
  );

  it('surfaces the error when the retry budget runs out, then resumes without duplicates', async () => {
    const api = testApi(testServer(), { retry: { maxRetries: 2, baseDelayMs: 1, jitter: 0 } });
    const run = await api.run('acme/history/dense');
    const scan = run.scanHistory({ source, pageSize: 10 });
    const rows: HistoryRow[] = [];
    const failure = await (async () => {
      for await (const row of scan) {
        rows.push(row);
        if (rows.length === 33) testServer().faults.failNext(10, 503);
      }
    })().catch((e: unknown) => e);
    // A 503 whose body carries GraphQL errors is a GraphQLError; a bare one an HttpError.
    expect(failure).toBeInstanceOf(WandbError);
    expect(failure).toMatchObject({ status: 503 });
    testServer().faults.clear();
    expect(scan.lastDeliveredStep).toBe(rows.length - 1);
    for await (const row of scan.resume()) rows.push(row);
    expect(steps(rows)).toEqual(range(0, 250));
  });

  it('gives up on persistent 429 with a RateLimitError', async () => {
    const api = testApi(testServer(), { retry: { maxRetries: 1, baseDelayMs: 1, jitter: 0 } });
    const run = await api.run('acme/history/dense');
    testServer().faults.failNext(5, 429, 1);
    await expect(run.scanHistory({ source }).toArray({ limit: 5 })).rejects.toBeInstanceOf(RateLimitError);
  });

  it('stops when the signal aborts mid-scan, with the signal reason', async () => {
    const run = await testApi(testServer()).run('acme/history/dense');
    const controller = new AbortController();
    const reason = new Error('user stop');
    const rows: HistoryRow[] = [];
    const outcome = await (async () => {
      for await (const row of run.scanHistory({ source, pageSize: 10, signal: controller.signal })) {
        rows.push(row);
        if (rows.length === 12) controller.abort(reason);
      }
    })().catch((e: unknown) => e);
    expect(outcome).toBe(reason);
    expect(rows.length).toBeLessThan(250);
  });
});

describe('run.scanHistory: the Parquet path gives the rows of the page path', () => {
  /** The scans of the tests above, on every run they read. */
  const scans: [string, ScanHistoryOptions][] = [
    ...[7, 250].map((pageSize): [string, ScanHistoryOptions] => [`pages of ${pageSize}`, { pageSize }]),
    ['window 10..20', { minStep: 10, maxStep: 20, pageSize: 3 }],
    ['window past the end', { minStep: 245, maxStep: 10_000 }],
    ['window after the end', { minStep: 300 }],
    ...[5, 64].map((pageSize): [string, ScanHistoryOptions] => [
      `acc, pages of ${pageSize}`,
      { keys: ['acc'], pageSize },
    ]),
    ['loss, window 4..10', { keys: ['loss'], minStep: 4, maxStep: 10, pageSize: 3 }],
    ['acc and loss across the boundary', { keys: ['acc', 'loss'], minStep: 100, maxStep: 140, pageSize: 7 }],
  ];
  it.each(['dense', 'gappy', 'single', 'empty'])('%s: rows, order and keys are identical', async (name) => {
    const run = await testApi(testServer()).run(`acme/history/${name}`);
    for (const [label, options] of scans) {
      const pages = await collect(run.scanHistory({ ...options, source: 'pages' }));
      expect(await collect(run.scanHistory({ ...options, source: 'parquet' })), `${name}: ${label}`).toEqual(
        pages,
      );
      expect(await collect(run.scanHistory(options)), `${name}: ${label} (auto)`).toEqual(pages);
      for (const source of SOURCES) {
        const { batches, rows } = await collectBatches(
          historyBatches(run.scanHistory({ ...options, source })),
        );
        expect(rows, `${name}: ${label}, batches from ${source}`).toEqual(pages);
        expect(batches.every((b) => b.length > 0 && b.columns['_step'] instanceof Float64Array)).toBe(true);
      }
    }
  });

  it('batches: exported pages come from the decoded columns (one batch per row group), the live part from rows', async () => {
    const run = await testApi(testServer()).run('acme/history/dense');
    const { batches, rows } = await collectBatches(
      historyBatches(run.scanHistory({ source: 'parquet', pageSize: 100 })),
    );
    expect(steps(rows)).toEqual(range(0, 250));
    // Exported up to step 120 in row groups of 16: the first page's batches are its row groups'
    // slices (the 7th group holds steps 96..111); the second page (100..199) has live rows past
    // 120, so it is made from rows, as is the third (live only).
    expect(batches.map((b) => b.length)).toEqual([16, 16, 16, 16, 16, 16, 4, 100, 50]);
    const first = batches[0] as HistoryBatch;
    expect(Object.keys(first.columns)).toEqual(['_step', '_runtime', '_timestamp', 'loss', 'acc']);
    // acc is logged on even steps only: its mask says which rows have it.
    expect(Array.from(first.present['acc'] as Uint8Array)).toEqual(
      range(0, 16).map((s) => (s % 2 === 0 ? 1 : 0)),
    );
    expect(first.present['loss']).toBeUndefined();
    const keyed = await collectBatches(
      historyBatches(run.scanHistory({ source: 'parquet', keys: ['acc'], pageSize: 100 })),
    );
    expect((keyed.batches[0] as HistoryBatch).length).toBe(8);
    expect(Object.keys((keyed.batches[0] as HistoryBatch).columns)).toEqual(['_step', 'acc']);
    expect(keyed.rows).toEqual(await collect(run.scanHistory({ source: 'pages', keys: ['acc'] })));
  });

  it("'auto' reads the exports when the server has them, without asking for pages below the live rows", async () => {
    const operations: string[] = [];
    const api = testApi(testServer(), { hooks: { request: (e) => operations.push(e.operationName) } });
    const run = await api.run('acme/history/gappy');
    expect(steps(await collect(run.scanHistory({ pageSize: 10 })))).toEqual(range(0, 301, 3));
    expect(operations).toEqual(['Run', 'RunHistoryKeys', 'RunParquetHistory']);
  });

  it("'auto' falls back to pages on a server without exports, asking once per Api", async () => {
    testServer().faults.update({ parquetHistoryUnsupported: true });
    const operations: string[] = [];
    const api = testApi(testServer(), { hooks: { request: (e) => operations.push(e.operationName) } });
    const dense = await api.run('acme/history/dense');
    expect(steps(await collect(dense.scanHistory({ pageSize: 100 })))).toEqual(range(0, 250));
    expect(steps(await collect((await api.run('acme/history/gappy')).scanHistory()))).toEqual(
      range(0, 301, 3),
    );
    expect(operations.filter((o) => o === 'RunParquetHistory')).toHaveLength(1);
    expect(operations.filter((o) => o === 'RunHistoryKeys')).toHaveLength(2); // the last step, once per scan
    await expect(dense.scanHistory({ source: 'parquet' }).toArray({ limit: 1 })).rejects.toMatchObject({
      name: 'ParquetHistoryUnsupportedError',
    });
    const other = await testApi(testServer()).run('acme/history/dense');
    await expect(other.scanHistory({ source: 'parquet' }).toArray({ limit: 1 })).rejects.toBeInstanceOf(
      ParquetHistoryUnsupportedError,
    );
  });

  it('reads the pages on a platform without the Parquet reader (a page that did not ship it)', async () => {
    const operations: string[] = [];
    const api = testApi(testServer(), {
      platform: webPlatform,
      hooks: { request: (e) => operations.push(e.operationName) },
    });
    const run = await api.run('acme/history/gappy');
    expect(steps(await collect(run.scanHistory({ pageSize: 50 })))).toEqual(range(0, 301, 3));
    expect(operations).not.toContain('RunParquetHistory');
    expect(() => run.scanHistory({ source: 'parquet' })).toThrow(BadInputError);
  });

  it('rejects an unknown source before any request', async () => {
    const run = await testApi(testServer()).run('acme/history/dense');
    expect(() => run.scanHistory({ source: 'csv' as 'pages' })).toThrow(BadInputError);
  });
});
