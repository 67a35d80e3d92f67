import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { datasetRun, startServer, variedHistoryRows, type RunningServer } from '@wbapi/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  Api,
  BadInputError,
  ExportUrlError,
  IncompleteRunHistoryError,
  NodePlatform,
  ParquetHistoryUnsupportedError,
  UnsafePathError,
  createSession,
  downloadHistoryExports,
} from '../src/index';

let server: RunningServer;
let root: string;
/** Requests to export URLs: method, Range and whether credentials went along. */
const fileRequests: { method: string; range: string | null; authorization: boolean }[] = [];
/** When set, answers export URL requests instead of the server. */
let intercept: ((url: string, init: RequestInit | undefined) => Response | null) | null = null;

const recordingFetch: typeof fetch = (input, init) => {
  const url = String(input instanceof Request ? input.url : input);
  if (url.includes('/exports/history/')) {
    const headers = new Headers(init?.headers);
    fileRequests.push({
      method: init?.method ?? 'GET',
      range: headers.get('range'),
      authorization: headers.has('authorization'),
    });
    const answer = intercept?.(url, init);
    if (answer) return Promise.resolve(answer);
  }
  return fetch(input, init);
};

const api = () =>
  new Api({
    baseUrl: server.url,
    apiKey: server.apiKey,
    platform: new NodePlatform({ fetch: recordingFetch }),
  });
const runIds: Record<string, number> = {};

beforeAll(async () => {
  server = await startServer({ port: 0, host: '127.0.0.1', demo: { runsPerProject: 1, historyLength: 5 } });
  const add = (name: string) => {
    const id = server.store.addRun(
      datasetRun({
        entity: 'demo',
        project: 'exports',
        name,
        createdAt: '2024-05-01T10:00:00',
        history: variedHistoryRows(90),
      }),
    ).id;
    runIds[name] = id;
    return id;
  };
  server.store.exportHistory(add('whole'), { rowsPerFile: 40, urlOrder: 'reversed' });
  server.store.exportHistory(add('partly'), { upToStep: 50 });
  add('live');
  server.store.exportHistory(add('..\\..\\evil'));
}, 60_000);

afterAll(async () => {
  await server?.close();
});

beforeEach(() => {
  root = join(mkdtempSync(join(tmpdir(), 'wbapi-exports-')), 'out');
  server.faults.clear();
  fileRequests.length = 0;
  intercept = null;
  return () => rmSync(join(root, '..'), { recursive: true, force: true });
});

/** The bytes of the run's export files as the server wrote them, in step order. */
const serverFiles = (name: string) =>
  server.store
    .prepare<{ disk_path: string }>(
      'SELECT disk_path FROM history_exports WHERE run_id = ? ORDER BY min_step',
    )
    .all(runIds[name])
    .map((f) => readFileSync(f.disk_path));

describe('run.downloadHistoryExports(dir) on Node', () => {
  it("saves every export file under Python's names, byte for byte, without credentials", async () => {
    const run = await api().run('demo/exports/whole');
    const result = await run.downloadHistoryExports(root);
    expect(result.containsLiveData).toBe(false);
    expect(result.paths).toEqual(
      [0, 1, 2].map((i) => join(root, `demo_exports_whole_${i}.runhistory.parquet`)),
    );
    expect(result.paths.map((p) => readFileSync(p))).toEqual(serverFiles('whole'));
    expect(readdirSync(root).filter((n) => n.includes('.part'))).toEqual([]);
    expect(fileRequests.length).toBeGreaterThan(0);
    expect(fileRequests.some((r) => r.authorization)).toBe(false);
  });

  it('reuses the files of an earlier call: no file bytes are fetched again', async () => {
    const run = await api().run('demo/exports/whole');
    const first = await run.downloadHistoryExports(root);
    const before = first.paths.map((p) => statSync(p).mtimeMs);
    fileRequests.length = 0;
    const again = await run.downloadHistoryExports(root);
    expect(again.paths).toEqual(first.paths);
    expect(again.paths.map((p) => statSync(p).mtimeMs)).toEqual(before);
    expect(fileRequests.filter((r) => r.method === 'GET')).toEqual([]);
    // A file changed on disk is fetched again.
    rmSync(first.paths[1] as string);
    await run.downloadHistoryExports(root);
    expect(readFileSync(first.paths[1] as string)).toEqual(serverFiles('whole')[1]);
  });

  it('refuses a partly exported run unless requireComplete is false, writing nothing', async () => {
    const run = await api().run('demo/exports/partly');
    await expect(run.downloadHistoryExports(root)).rejects.toBeInstanceOf(IncompleteRunHistoryError);
    expect(() => readdirSync(root)).toThrow(); // not even the folder
    const result = await run.downloadHistoryExports(root, { requireComplete: false });
    expect(result.containsLiveData).toBe(true);
    expect(result.paths.map((p) => readFileSync(p))).toEqual(serverFiles('partly'));
    const live = await (
      await api().run('demo/exports/live')
    ).downloadHistoryExports(root, { requireComplete: false });
    expect(live).toEqual({ paths: [], containsLiveData: true });
  });

  it('asks for fresh URLs once when they expire, and fails with ExportUrlError when those expire too', async () => {
    const run = await api().run('demo/exports/whole');
    let refused = 0;
    intercept = (_url, init) =>
      init?.method !== 'HEAD' && refused++ < 1
        ? new Response('<Error>AccessDenied</Error>', { status: 403 })
        : null;
    const result = await run.downloadHistoryExports(root);
    expect(result.paths.map((p) => readFileSync(p))).toEqual(serverFiles('whole'));
    rmSync(root, { recursive: true });
    server.faults.update({ exportUrlTtlMs: -1 });
    await expect(run.downloadHistoryExports(root)).rejects.toMatchObject({
      name: 'ExportUrlError',
      expired: true,
    });
    expect(readdirSync(root)).toEqual([]);
  });

  it('takes an error page for an error, never for data, and leaves nothing half-written', async () => {
    const run = await api().run('demo/exports/whole');
    let reads = 0;
    intercept = (_url, init) =>
      init?.method !== 'HEAD' && ++reads === 2
        ? new Response('<html>Sign in</html>', { status: 200, headers: { 'Content-Type': 'text/html' } })
        : null;
    await expect(run.downloadHistoryExports(root)).rejects.toBeInstanceOf(ExportUrlError);
    // The first file was complete before the second one's read failed; no part file is left.
    expect(readdirSync(root)).toEqual(['demo_exports_whole_0.runhistory.parquet']);
    expect(readFileSync(join(root, 'demo_exports_whole_0.runhistory.parquet'))).toEqual(
      serverFiles('whole')[0],
    );
  });

  it.each([
    ['5xx', 503],
    ['429', 429],
    ['connections dropped mid-body', 'reset'],
  ] as const)('survives %s on export URLs', async (_label, kind) => {
    const run = await api().run('demo/exports/whole');
    server.faults.update({ targets: ['files'] });
    let armed = 0;
    // The second file's first read fails twice (the first one is then retried), the rest pass.
    intercept = (_url, init) => {
      if (init?.method === 'GET' && ++armed === 2) server.faults.failNext(2, kind, 0);
      return null;
    };
    const result = await run.downloadHistoryExports(root);
    expect(server.faults.stats.injected).toBeGreaterThanOrEqual(2);
    expect(result.paths.map((p) => readFileSync(p))).toEqual(serverFiles('whole'));
  });

  it('refuses a file name that could leave the folder, writing nothing', async () => {
    const session = createSession({
      baseUrl: server.url,
      apiKey: server.apiKey,
      platform: new NodePlatform(),
    });
    const ref = { entity: 'demo', project: 'exports', id: '..\\..\\evil' };
    await expect(downloadHistoryExports(session, ref, root)).rejects.toBeInstanceOf(UnsafePathError);
    expect(() => readdirSync(root)).toThrow();
  });

  it('is a typed error on a server without exports, and on a platform without a file system', async () => {
    server.faults.update({ parquetHistoryUnsupported: true });
    const run = await api().run('demo/exports/whole');
    await expect(run.downloadHistoryExports(root)).rejects.toBeInstanceOf(ParquetHistoryUnsupportedError);
    const session = createSession({
      baseUrl: server.url,
      apiKey: server.apiKey,
      platform: { name: 'memory', download: () => Promise.resolve(null) },
    });
    await expect(downloadHistoryExports(session, run, root)).rejects.toBeInstanceOf(BadInputError);
  });
});
