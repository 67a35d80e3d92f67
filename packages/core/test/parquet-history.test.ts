import {
  HISTORY_EXPORT_VARIANTS,
  datasetRun,
  startServer,
  variedHistoryRows,
  type RunningServer,
} from '@wbapi/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { batchRows, type HistoryRow } from '../src';
import { bytesOverFetch } from '../src/transport/get-bytes';
import {
  ExportUrlError,
  ParquetHistoryUnsupportedError,
  newFetchStats,
  parquetHistoryPages,
  parquetSourcesFor,
  type ExportFetchStats,
  type ParquetScanOptions,
  type ParquetScanSources,
} from '../src/history/parquet';
import type { Run } from '../src/runs/run';
import { API_KEY, testDataset } from './helpers/dataset';
import { testApi } from './helpers/server';

const ROWS = 60;
const VARIANTS = Object.keys(HISTORY_EXPORT_VARIANTS);

let server: RunningServer;
/** Every request to an export URL: method and whether it carried credentials. */
const fileRequests: { method: string; authorization: boolean; range: string | null }[] = [];

beforeAll(async () => {
  const dataset = testDataset();
  server = await startServer({ port: 0, host: '127.0.0.1', dataset });
  const add = (name: string, rows = variedHistoryRows(ROWS)) =>
    server.store.addRun(
      datasetRun({
        entity: 'acme',
        project: 'exports',
        name,
        createdAt: '2024-05-01T10:00:00',
        history: rows,
      }),
    );
  for (const variant of VARIANTS)
    server.store.exportHistory(add(variant).id, HISTORY_EXPORT_VARIANTS[variant]);
  // Exported up to step 40, the rest live: the boundary of the merge.
  server.store.exportHistory(add('partly').id, { upToStep: 40, rowGroupSize: 6 });
  add('liveonly');
  // Exported in two goes with different layouts (a resumed run).
  const twice = add('twice');
  server.store.exportHistory(twice.id, { upToStep: 30, stepType: 'int64' });
  server.store.exportHistory(twice.id, { nesting: 'struct', rowGroupSize: 4 });
});
afterEach(() => server.faults.clear());
afterAll(() => server.close());

const recordingFetch: typeof fetch = (input, init) => {
  const headers = new Headers(init?.headers);
  fileRequests.push({
    method: init?.method ?? 'GET',
    authorization: headers.has('authorization'),
    range: headers.get('range'),
  });
  return fetch(input, init);
};

function sources(run: Run, stats: ExportFetchStats = newFetchStats()): ParquetScanSources {
  const retry = { attempts: 10, baseDelayMs: 1, maxDelayMs: 5 };
  return parquetSourcesFor(
    run.context,
    run,
    { cache: false },
    { get: bytesOverFetch(recordingFetch), retry, stats },
  );
}

async function parquetRows(
  run: Run,
  options: ParquetScanOptions,
  stats?: ExportFetchStats,
): Promise<HistoryRow[]> {
  const rows: HistoryRow[] = [];
  for await (const page of parquetHistoryPages(sources(run, stats), options)) rows.push(...page.rows);
  return rows;
}

/** The rows of a Parquet scan asked for batches: batches turned back into rows, and rows as they come. */
async function batchedRows(run: Run, options: ParquetScanOptions): Promise<HistoryRow[]> {
  const rows: HistoryRow[] = [];
  for await (const page of parquetHistoryPages(sources(run), { ...options, batches: true })) {
    if (page.batches) for (const batch of page.batches) rows.push(...batchRows(batch));
    else rows.push(...page.rows);
  }
  return rows;
}

async function pageRows(run: Run, options: ParquetScanOptions): Promise<HistoryRow[]> {
  const rows: HistoryRow[] = [];
  const { keys, ...rest } = options;
  for await (const row of run.scanHistory({ ...rest, ...(keys ? { keys: [...keys] } : {}) })) rows.push(row);
  return rows;
}

/** The scans of the existing history tests, plus keys of every column kind. */
const SCANS: [string, ParquetScanOptions][] = [
  ['full', {}],
  ['full, pages of 7', { pageSize: 7 }],
  ['window 10..50', { minStep: 10, maxStep: 50, pageSize: 9 }],
  ['window past the end', { minStep: 80, maxStep: 10_000 }],
  ['empty window', { minStep: 500 }],
  ['keys acc', { keys: ['acc'], pageSize: 11 }],
  ['keys loss (NaN, ±Infinity)', { keys: ['loss'] }],
  ['keys train (nested)', { keys: ['train'], pageSize: 5 }],
  ['keys hist + label', { keys: ['hist', 'label'] }],
  ['keys mixed, maybe (explicit nulls)', { keys: ['mixed', 'maybe'] }],
  ['keys tags + ok, window', { keys: ['tags', 'ok'], minStep: 3, maxStep: 70, pageSize: 13 }],
  ['key missing everywhere', { keys: ['nope'] }],
  ['key train.lr (a dotted column, not a logged key)', { keys: ['train.lr'] }],
];

describe('Parquet history: the same rows as the page path', () => {
  const runs = [...VARIANTS, 'partly', 'liveonly', 'twice'];
  it.each(runs)('%s: every scan', async (name) => {
    const run = await testApi(server, { apiKey: API_KEY }).run(`acme/exports/${name}`);
    for (const [label, options] of SCANS) {
      const expected = await pageRows(run, options);
      expect(await parquetRows(run, options), `${name}: ${label}`).toEqual(expected);
      expect(await batchedRows(run, options), `${name}: ${label}, batches`).toEqual(expected);
    }
    expect((await pageRows(run, {})).length).toBe(ROWS);
  });

  it('sends no credentials or W&B headers to export URLs', async () => {
    fileRequests.length = 0;
    const run = await testApi(server).run('acme/exports/default');
    await parquetRows(run, { keys: ['acc'] });
    expect(fileRequests.length).toBeGreaterThan(0);
    expect(fileRequests.every((r) => !r.authorization)).toBe(true);
    expect(fileRequests.filter((r) => r.method === 'GET').every((r) => r.range !== null)).toBe(true);
  });

  it('reads only the needed column chunks for a keyed scan', async () => {
    const wide = Array.from({ length: 3000 }, (_, step) => {
      const row: Record<string, unknown> = { _step: step };
      for (let k = 0; k < 10; k++) row[`m${k}`] = Math.sin(step * (k + 1));
      return row;
    });
    const id = server.store.addRun(
      datasetRun({
        entity: 'acme',
        project: 'exports',
        name: 'wide',
        createdAt: '2024-05-01T10:00:00',
        history: wide,
      }),
    ).id;
    // One row group: column chunks of 24 kB, so that unrequested chunks between two requested
    // ones are not fetched to save a request (hyparquet joins chunks less than 8 kB apart).
    server.store.exportHistory(id, { rowGroupSize: 3000 });
    const run = await testApi(server).run('acme/exports/wide');
    const all = newFetchStats();
    const full = await parquetRows(run, {}, all);
    expect(full).toEqual(wide);
    const keyed = newFetchStats();
    const rows = await parquetRows(run, { keys: ['m1', 'm7'] }, keyed);
    expect(rows).toEqual(wide.map((r) => ({ _step: r._step, m1: r.m1, m7: r.m7 })));
    expect(keyed.bytes).toBeLessThan(all.bytes * 0.3);
  });
});

describe('Parquet history: servers and URLs that misbehave', () => {
  it('raises ParquetHistoryUnsupportedError once, then remembers it without asking again', async () => {
    server.faults.update({ parquetHistoryUnsupported: true });
    const api = testApi(server);
    const src = sources(await api.run('acme/exports/default'));
    await expect(parquetHistoryPages(src).next()).rejects.toBeInstanceOf(ParquetHistoryUnsupportedError);
    expect(src.memo.unsupported).toBe(true);
    server.faults.clear();
    // Remembered for every run of that Api, without another RunParquetHistory request.
    const other = sources(await api.run('acme/exports/partly'));
    const before = server.faults.stats.requests;
    await expect(parquetHistoryPages(other).next()).rejects.toBeInstanceOf(ParquetHistoryUnsupportedError);
    expect(server.faults.stats.requests - before).toBe(1); // lastHistoryStep only
    // Another Api asks again.
    expect(sources(await testApi(server).run('acme/exports/partly')).memo.unsupported).toBe(false);
  });

  it('takes the W&B wording at HTTP 200 as unsupported too, and no other error', async () => {
    const run = await testApi(server).run('acme/exports/default');
    const src = sources(run);
    const last = await run.lastHistoryStep();
    src.lastStep = () => Promise.resolve(last); // so that the next GraphQL request is RunParquetHistory
    server.faults.update({ targets: ['graphql'], graphqlErrorMessage: 'Injected: something else' });
    server.faults.failNext(1, 'graphql-error');
    await expect(parquetHistoryPages(src).next()).rejects.not.toBeInstanceOf(ParquetHistoryUnsupportedError);
    expect(src.memo.unsupported).toBe(false);
    server.faults.update({ graphqlErrorMessage: 'Cannot query field "liveData" on type "ParquetHistory".' });
    server.faults.failNext(1, 'graphql-error');
    await expect(parquetHistoryPages(src).next()).rejects.toBeInstanceOf(ParquetHistoryUnsupportedError);
    expect(src.memo.unsupported).toBe(true);
  });

  it('reads every row when HEAD is refused and Range is ignored', async () => {
    server.faults.update({ exportHeadRefused: true, exportRangeIgnored: true });
    const run = await testApi(server).run('acme/exports/partly');
    expect(await parquetRows(run, { keys: ['acc'] })).toEqual(await pageRows(run, { keys: ['acc'] }));
  });

  it('reads the live tail that a backend without liveData leaves out', async () => {
    const run = await testApi(server).run('acme/exports/partly');
    const expected = await pageRows(run, {});
    server.faults.update({ liveDataOmitted: true });
    expect(await parquetRows(run, { pageSize: 16 })).toEqual(expected);
  });

  it('gives every row exactly once under 5xx, 429 and resets on export URLs', async () => {
    const run = await testApi(server).run('acme/exports/overlappingReversedFiles');
    const expected = await pageRows(run, {});
    for (const [i, fault] of [
      { errorRate: 0.3 },
      { rateLimitRate: 0.3, retryAfterSeconds: 0 },
      { resetRate: 0.3 },
    ].entries()) {
      server.faults.set({ ...fault, targets: ['files'], seed: 11 + i });
      expect(await parquetRows(run, { pageSize: 8 })).toEqual(expected);
      expect(server.faults.stats.injected).toBeGreaterThan(0);
    }
  });

  it('asks for fresh URLs once when they expire mid-scan, without losing or repeating rows', async () => {
    const run = await testApi(server).run('acme/exports/overlappingReversedFiles');
    const expected = await pageRows(run, { pageSize: 6 });
    const src = sources(run);
    let answers = 0;
    const expired = new Set<string>();
    const client = run.context.client;
    src.client = {
      request: (async (...args: Parameters<typeof client.request>) => {
        const [document] = args;
        const result = await client.request(...args);
        if (String(document).includes('RunParquetHistory')) {
          answers += 1;
          const urls = (result as { project: { run: { parquetHistory: { parquetUrls: string[] } } } }).project
            .run.parquetHistory.parquetUrls;
          // The first URLs expire after a few reads; the next ones are signed for longer.
          if (answers === 1) for (const url of urls) expired.add(url);
          server.faults.update({ exportUrlTtlMs: 3_600_000 + answers });
        }
        return result;
      }) as typeof client.request,
    };
    let reads = 0;
    src.get = bytesOverFetch((input, init) => {
      reads += 1;
      if (reads > 8 && expired.has(String(input))) {
        return Promise.resolve(new Response('<Error><Code>AccessDenied</Code></Error>', { status: 403 }));
      }
      return fetch(input, init);
    });
    const rows: HistoryRow[] = [];
    for await (const page of parquetHistoryPages(src, { pageSize: 6 })) rows.push(...page.rows);
    expect(rows).toEqual(expected);
    expect(answers).toBe(2);
  });

  it('fails with the expired URL error when fresh URLs expire too', async () => {
    server.faults.update({ exportUrlTtlMs: -1 });
    const run = await testApi(server).run('acme/exports/default');
    await expect(parquetHistoryPages(sources(run)).next()).rejects.toMatchObject({
      name: 'ExportUrlError',
      expired: true,
      status: 403,
    });
  });

  it('refuses an export URL that answers an error page', async () => {
    const run = await testApi(server).run('acme/exports/default');
    const src = sources(run);
    src.get = bytesOverFetch((_input, init) =>
      Promise.resolve(
        init?.method === 'HEAD'
          ? new Response(null, { status: 200, headers: { 'Content-Length': '5000' } })
          : new Response('<html>sign in</html>', { status: 200, headers: { 'Content-Type': 'text/html' } }),
      ),
    );
    await expect(parquetHistoryPages(src).next()).rejects.toBeInstanceOf(ExportUrlError);
  });
});
