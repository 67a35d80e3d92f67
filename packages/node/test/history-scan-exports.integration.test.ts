// History scans from Parquet exports on the Node platform: export files are read with its own
// byte reader (`NodePlatform.getBytes`, node:http into one buffer), not with fetch. The rows must
// be those of the page path, under every fault the server injects on export URLs.
import { datasetRun, startServer, variedHistoryRows, type RunningServer } from '@wbapi/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Api, historyBatches, batchRows, NodePlatform, type HistoryRow } from '../src/index';

let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ port: 0, host: '127.0.0.1', demo: { runsPerProject: 1, historyLength: 5 } });
  const add = (name: string) =>
    server.store.addRun(
      datasetRun({
        entity: 'demo',
        project: 'scans',
        name,
        createdAt: '2024-05-01T10:00:00',
        history: variedHistoryRows(300),
      }),
    ).id;
  server.store.exportHistory(add('whole'), { rowsPerFile: 120, rowGroupSize: 25, urlOrder: 'reversed' });
  server.store.exportHistory(add('partly'), { upToStep: 170, rowGroupSize: 30 });
}, 60_000);

afterAll(async () => {
  await server?.close();
});

beforeEach(() => server.faults.clear());

/** A Node platform that counts its export reads (and never lets one go through fetch). */
function countingPlatform(): { platform: NodePlatform; reads: { get: number; fetch: number } } {
  const base = new NodePlatform();
  const reads = { get: 0, fetch: 0 };
  const inner = base.getBytes;
  if (!inner) throw new Error('expected the Node platform to read export files itself');
  const platform = Object.assign(Object.create(base) as NodePlatform, {
    getBytes: ((url, init) => {
      reads.get += 1;
      return inner(url, init);
    }) satisfies typeof inner,
    fetch: ((input, init) => {
      if (String(input).includes('/exports/history/')) reads.fetch += 1;
      return base.fetch(input, init);
    }) satisfies typeof fetch,
  });
  return { platform, reads };
}

const apiWith = (platform: NodePlatform) =>
  new Api({ baseUrl: server.url, apiKey: server.apiKey, platform, retry: { baseDelayMs: 1, jitter: 0 } });

async function scan(name: string, source: 'pages' | 'parquet', keys?: string[]): Promise<HistoryRow[]> {
  const { platform } = countingPlatform();
  const run = await apiWith(platform).run(`demo/scans/${name}`);
  return run.scanHistory({ source, pageSize: 40, ...(keys ? { keys } : {}) }).toArray({ limit: 10_000 });
}

describe('history scans from exports on the Node platform', () => {
  it.each(['whole', 'partly'])(
    'give the rows of the page path (run %s), read with getBytes',
    async (name) => {
      const { platform, reads } = countingPlatform();
      const run = await apiWith(platform).run(`demo/scans/${name}`);
      const rows = await run.scanHistory({ source: 'parquet', pageSize: 40 }).toArray({ limit: 10_000 });
      expect(rows).toEqual(await scan(name, 'pages'));
      expect(rows).toHaveLength(300);
      expect(reads.get).toBeGreaterThan(0);
      expect(reads.fetch).toBe(0);
      const keyed = await scan(name, 'parquet', ['acc']);
      expect(keyed).toEqual(await scan(name, 'pages', ['acc']));
    },
  );

  it('gives the same rows as column batches', async () => {
    const { platform } = countingPlatform();
    const run = await apiWith(platform).run('demo/scans/whole');
    const rows: HistoryRow[] = [];
    for await (const batch of historyBatches(run.scanHistory({ source: 'parquet', pageSize: 40 })))
      rows.push(...batchRows(batch));
    expect(rows).toEqual(await scan('whole', 'pages'));
  });

  it.each([
    ['5xx', 503],
    ['429', 429],
    ['connections dropped mid-body', 'reset'],
  ] as const)('deliver every row exactly once with %s on export URLs', async (_label, kind) => {
    const expected = await scan('whole', 'pages');
    const { platform } = countingPlatform();
    const run = await apiWith(platform).run('demo/scans/whole');
    server.faults.update({ targets: ['files'] });
    const rows: HistoryRow[] = [];
    for await (const row of run.scanHistory({ source: 'parquet', pageSize: 40 })) {
      rows.push(row);
      // Two failures in a row, twice: one while a row group is read ahead, one on a later file.
      if (rows.length === 30 || rows.length === 150) server.faults.failNext(2, kind, 0);
    }
    expect(server.faults.stats.injected).toBeGreaterThanOrEqual(4);
    expect(rows).toEqual(expected);
  });

  it('gives the same rows when the server ignores Range and sends whole files', async () => {
    // The file is read whole once (its footer's request) and every range served from it.
    const expected = await scan('whole', 'pages');
    server.faults.update({ exportRangeIgnored: true });
    expect(await scan('whole', 'parquet')).toEqual(expected);
    expect(await scan('partly', 'parquet', ['acc'])).toEqual(await scan('partly', 'pages', ['acc']));
  });

  it('stops reading when the scan is aborted mid-body', async () => {
    const { platform } = countingPlatform();
    const run = await apiWith(platform).run('demo/scans/whole');
    const controller = new AbortController();
    const rows: HistoryRow[] = [];
    const failure = await (async () => {
      for await (const row of run.scanHistory({
        source: 'parquet',
        pageSize: 40,
        signal: controller.signal,
      })) {
        rows.push(row);
        if (rows.length === 50) controller.abort(new Error('stop'));
      }
    })().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(rows.length).toBeLessThanOrEqual(50 + 40);
  });
});
