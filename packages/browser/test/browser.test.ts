import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Api, resolveArtifact } from '@wbapi/core';
import {
  ECHO_SCENARIOS,
  datasetRun,
  leaksOf,
  startCredentialEcho,
  startServer,
  variedHistoryRows,
  type ReceivedRequest,
  type RunningServer,
} from '@wbapi/server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageTests } from './fixtures/page';
import { bundle, openPage, servePage } from './harness';

const BYTES = randomBytes(200_000);
/** The chunk esbuild makes of the YAML parser (named after the module core imports it through). */
const YAML_CHUNK = /\/yaml-parser-[^/]*\.js$/;
let server: RunningServer;
let site: Awaited<ReturnType<typeof servePage>>;
let browser: Browser;
let page: Page;
let errors: string[];
const received: ReceivedRequest[] = [];

/** Runs one of the page's checks in Chromium and returns its result. */
function inPage<K extends keyof PageTests>(
  name: K,
  arg: Parameters<PageTests[K]>[0],
): ReturnType<PageTests[K]> {
  return page.evaluate(([n, a]) => (window.wbapiTests[n] as (x: unknown) => unknown)(a), [
    name,
    arg,
  ] as const) as ReturnType<PageTests[K]>;
}

const target = () => ({ url: server.url, apiKey: server.apiKey });
const nodeApi = () => new Api({ baseUrl: server.url, apiKey: server.apiKey });
const firstRun = async () => {
  const [run] = await nodeApi().runs('demo/mnist', { order: '+createdAt' }).toArray({ limit: 1 });
  if (!run) throw new Error('demo/mnist has no runs');
  return run.path.join('/');
};

beforeAll(async () => {
  const scripts = await bundle(fileURLToPath(new URL('./fixtures/page.ts', import.meta.url)));
  site = await servePage(scripts, {
    '/bytes': (res) => res.writeHead(200, { 'Content-Length': BYTES.length }).end(BYTES),
    '/slow': (res) => res.writeHead(200, { 'Content-Length': BYTES.length }).write(BYTES.subarray(0, 1000)),
  });
  server = await startServer({
    demo: { runsPerProject: 3, historyLength: 40 },
    cors: [site.origin],
    onRequest: (request) => received.push(request),
  });
  server.store.artifacts.add({
    entity: 'demo',
    project: 'mnist',
    type: 'dataset',
    name: 'digits',
    metadata: '{"rows": 5, "mean": Infinity}',
    aliases: ['best'],
    files: [
      { path: 'README.md', bytes: Buffer.from('# digits\n') },
      { path: 'data/images.bin', bytes: BYTES },
      { path: 'data/labels.csv', bytes: Buffer.from('index,label\n0,7\n') },
    ],
  });
  // A run exported up to step 40 (the rest live), in row groups of 16 steps.
  const exported = server.store.addRun(
    datasetRun({
      entity: 'demo',
      project: 'exports',
      name: 'exported',
      createdAt: '2024-05-01T10:00:00',
      history: variedHistoryRows(60),
    }),
  );
  server.store.exportHistory(exported.id, { upToStep: 40, rowGroupSize: 16 });
  ({ browser, page, errors } = await openPage(site.origin));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await site?.close();
});

describe('@wbapi/browser in Chromium', () => {
  it('fails at once, saying CORS, against a server that does not allow the page origin', async () => {
    const other = await startServer({ demo: { runsPerProject: 1, historyLength: 2 } });
    try {
      const result = await inPage('failure', { url: other.url, apiKey: other.apiKey, retry: true });
      expect(result).toMatchObject({ name: 'NetworkError', code: 'CORS', retries: 0 });
      expect(result.message).toContain(`does not allow this page's origin ${site.origin} (CORS)`);
    } finally {
      await other.close();
    }
  });

  it('says that CORS or the network may be the cause when nothing answers', async () => {
    const closed = await startServer({});
    const url = closed.url;
    await closed.close();
    const result = await inPage('failure', { url, apiKey: 'k'.repeat(40), retry: false });
    expect(result).toMatchObject({ name: 'NetworkError', code: '' });
    expect(result.message).toContain(`Network error during Runs (${url}/graphql)`);
    expect(result.message).toContain('(server unreachable, or CORS: see the browser console)');
  });

  it('talks to the local server across origins with the page fetch', async () => {
    const result = await inPage('viewer', { url: server.url, apiKey: server.apiKey });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ data: { viewer: { username: expect.any(String) } } });
  });

  it('sends only headers the server allows: the preflight asks for them and the listing goes through', async () => {
    // A fresh page has its own browser context, hence an empty CORS preflight cache.
    const fresh = await browser.newPage();
    received.length = 0;
    let count: number;
    try {
      await fresh.goto(site.origin);
      await fresh.waitForFunction(() => 'wbapiTests' in window);
      const arg = { ...target(), path: 'demo/mnist', username: 'svc-runner', email: 'svc@example.com' };
      count = await fresh.evaluate((a) => window.wbapiTests.listRunsWithIdentity(a), arg);
    } finally {
      await fresh.close();
    }
    expect(count).toBe((await nodeApi().runs('demo/mnist').toArray({ limit: 100 })).length);
    const preflight = received.find((r) => r.method === 'OPTIONS' && r.path === '/graphql');
    const asked = (preflight?.headers['access-control-request-headers'] ?? '')
      .split(',')
      .map((h) => h.trim());
    expect(asked).toEqual(
      expect.arrayContaining(['authorization', 'content-type', 'use-admin-privileges', 'x-wandb-username']),
    );
    const answer = await fetch(`${server.url}/graphql`, {
      method: 'OPTIONS',
      headers: {
        Origin: site.origin,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': asked.join(', '),
      },
    });
    const allowed = (answer.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(/,\s*/);
    expect(allowed).toEqual(expect.arrayContaining(asked));
    const post = received.find((r) => r.method === 'POST' && r.path === '/graphql');
    // Chromium ignores the User-Agent that fetch sets and sends its own, so the preflight never asks
    // for it: W&B sees a browser, not the public client (README: Browser notes).
    expect(post?.headers['user-agent']).toBe(await page.evaluate(() => navigator.userAgent));
    expect(asked).not.toContain('user-agent');
    expect(post?.headers['use-admin-privileges']).toBe('true');
    expect(post?.headers['x-wandb-user-email']).toBe('svc@example.com');
    expect(post?.headers['authorization']).toMatch(/^Basic /);
  });

  it('loads sweeps (with their YAML config) and reports, the YAML parser from a chunk fetched on first use', async () => {
    const result = await inPage('sweepAndReports', {
      url: server.url,
      apiKey: server.apiKey,
      path: 'demo/mnist',
    });
    const api = nodeApi();
    const sweep = await api.sweep(`demo/mnist/${result.sweep}`);
    const reports = await api.reports('demo/mnist').toArray({ limit: 10 });
    expect(result.method).toBe(sweep.method);
    expect(result.config).toEqual(sweep.config);
    expect(result.best).toBe((await sweep.bestRun())?.id ?? null);
    expect(result.reports.length).toBeGreaterThan(0);
    expect(result.reports).toEqual(reports.map((report) => report.displayName));
    // The YAML parser: fetched by the calls above, not with the page.
    expect(result.loadedOnUse).toHaveLength(1);
  });

  /** Runs `check` in a fresh page (its own module map) whose YAML parser chunk fails to load, as when offline. */
  async function withoutYamlChunk(check: (blocked: Page) => Promise<void>): Promise<void> {
    const blocked = await browser.newPage();
    try {
      await blocked.route(YAML_CHUNK, (route) => route.abort('internetdisconnected'));
      await blocked.goto(site.origin);
      await blocked.waitForFunction(() => 'wbapiTests' in window);
      await check(blocked);
    } finally {
      await blocked.close();
    }
  }

  it('rejects with a NetworkError when the lazily loaded chunk cannot be fetched', async () => {
    await withoutYamlChunk(async (blocked) => {
      const arg = { ...target(), path: 'demo/mnist' };
      const result = await blocked.evaluate((a) => window.wbapiTests.sweepError(a), arg);
      expect(result).toMatchObject({ name: 'NetworkError', isNetworkError: true });
      expect(result?.message).toMatch(/^Could not load the part of wbapi that this call needs: /);
    });
  });

  it('lists runs and scans a history without the YAML chunk', async () => {
    const run = await firstRun();
    await withoutYamlChunk(async (blocked) => {
      const arg = { ...target(), run, keys: ['loss'], pageSize: 7 };
      const rows = await blocked.evaluate((a) => window.wbapiTests.scanHistory(a), arg);
      const listed = await blocked.evaluate((a) => window.wbapiTests.listRuns(a), {
        ...target(),
        path: 'demo/mnist',
      });
      expect(rows.length).toBeGreaterThan(7);
      expect(listed.map((r) => r.id)).toContain(run.split('/')[2]);
    });
  });

  it('lists the same runs as Node does', async () => {
    const inBrowser = await inPage('listRuns', { ...target(), path: 'demo/mnist' });
    const inNode = await nodeApi().runs('demo/mnist', { order: '+createdAt' }).toArray({ limit: 100 });
    expect(inBrowser).toHaveLength(3);
    expect(inBrowser).toEqual(inNode.map((run) => ({ id: run.id, name: run.name, state: run.state })));
  });

  it('scans a history across several pages, same rows as Node', async () => {
    const run = await firstRun();
    const rows = await inPage('scanHistory', { ...target(), run, keys: ['loss'], pageSize: 7 });
    const expected: { step: unknown; values: unknown[] }[] = [];
    for await (const row of (await nodeApi().run(run)).scanHistory({ keys: ['loss'], pageSize: 7 })) {
      expected.push({ step: row['_step'], values: [row['loss']] });
    }
    expect(rows.length).toBeGreaterThan(7);
    expect(rows).toEqual(expected);
  });

  it('scans from Parquet exports: the rows of the page path, the reader loaded on the first such scan, no credentials to export URLs', async () => {
    const fresh = await browser.newPage();
    try {
      await fresh.goto(site.origin);
      await fresh.waitForFunction(() => 'wbapiTests' in window);
      type Arg = Parameters<PageTests['scanSource']>[0];
      const scan = (arg: Omit<Arg, 'url' | 'apiKey' | 'run'>) =>
        fresh.evaluate((a) => window.wbapiTests.scanSource(a), {
          ...target(),
          run: 'demo/exports/exported',
          ...arg,
        });
      const expected = await (
        await nodeApi().run('demo/exports/exported')
      )
        .scanHistory({ source: 'pages' })
        .toArray({ limit: Infinity });
      const pages = await scan({ source: 'pages', pageSize: 7 });
      expect(pages.rows).toEqual(expected);
      expect(pages.loadedOnUse).toEqual([]);
      const from = received.length;
      const parquet = await scan({ source: 'parquet', pageSize: 7 });
      expect(parquet.rows).toEqual(expected);
      expect(parquet.loadedOnUse.length).toBeGreaterThan(0); // the reader, fetched now
      const fileRequests = received.slice(from).filter((r) => r.path.startsWith('/exports/history/'));
      expect(fileRequests.length).toBeGreaterThan(0);
      expect(fileRequests.some((r) => 'authorization' in r.headers)).toBe(false);
      const keyed = await scan({ source: 'auto', keys: ['acc', 'train'], pageSize: 9 });
      const expectedKeyed = await (
        await nodeApi().run('demo/exports/exported')
      )
        .scanHistory({ source: 'pages', keys: ['acc', 'train'] })
        .toArray({ limit: Infinity });
      expect(keyed.rows).toEqual(expectedKeyed);
      expect(keyed.rows.length).toBeGreaterThan(0);
      expect(keyed.loadedOnUse).toEqual([]); // loaded once per page
    } finally {
      await fresh.close();
    }
  });

  it('downloads a run file to a Blob with its MIME type, bytes matching the listed MD5', async () => {
    const result = await inPage('downloadFile', { ...target(), run: await firstRun(), name: 'model.bin' });
    expect(result.size).toBeGreaterThan(0);
    expect(result.md5).toBe(result.listedMd5);
    expect(result.mimetype).toBeTruthy();
    expect(result.type).toBe(result.mimetype);
  });

  it('reads an artifact (version, listings, manifest) and downloads one of its files to a Blob, as Node reads them', async () => {
    const arg = {
      ...target(),
      path: 'demo/mnist/digits:best',
      project: 'demo/mnist',
      file: 'data/images.bin',
    };
    const result = await inPage('artifacts', arg);
    const inNode = await resolveArtifact(nodeApi().context, 'demo/mnist/digits:best');
    const manifest = await inNode.manifest();
    expect(result).toEqual({
      qualifiedName: 'demo/mnist/digits:best',
      version: 'v0',
      metadata: { rows: 5, mean: Infinity },
      types: ['dataset'],
      collections: ['demo/mnist/digits'],
      versions: ['digits:v0'],
      pages: [['README.md', 'data/images.bin'], ['data/labels.csv']],
      manifest: Object.fromEntries([...manifest.entries].map(([path, e]) => [path, e.digest])),
      blob: { size: BYTES.length, md5: createHash('md5').update(BYTES).digest('base64') },
      whole: 'BadInputError',
      bare: 'No artifact functions in this Api: new Api({ artifacts: artifactCalls })',
    });
  });

  it('saves a Blob as a browser download under the chosen name', async () => {
    const run = await firstRun();
    const file = await (await nodeApi().run(run)).file('model.bin');
    const [download, size] = await Promise.all([
      page.waitForEvent('download'),
      inPage('saveFile', { ...target(), run, name: 'model.bin', saveAs: 'weights.bin' }),
    ]);
    expect(download.suggestedFilename()).toBe('weights.bin');
    const saved = readFileSync(await download.path());
    expect(saved.length).toBe(size);
    expect(createHash('md5').update(saved).digest('base64')).toBe(file.md5);
  });

  it('aborts a history scan with the signal reason, fetching no further page', async () => {
    const result = await inPage('abortScan', { ...target(), run: await firstRun() });
    expect(result.error).toBe('scan stopped by test');
    // Rows of the page already received may still be handed out; no later page is.
    expect(result.rows).toBeGreaterThanOrEqual(1);
    expect(result.rows).toBeLessThanOrEqual(5);
  });

  it('downloads to a Blob with the MIME type and to a stream, byte for byte', async () => {
    const result = await inPage('platformDownload', { path: `${site.origin}/bytes` });
    const md5 = createHash('md5').update(BYTES).digest('base64');
    expect(result).toEqual({
      type: 'application/octet-stream',
      size: BYTES.length,
      md5,
      streamMd5: md5,
      lastProgress: BYTES.length,
    });
  });

  it('aborts a download with the signal reason', async () => {
    expect(await inPage('abortDownload', { path: `${site.origin}/slow` })).toBe('stopped by test');
  });

  it('never shows the API key a server echoes (message, body, headers, parts, base64)', async () => {
    const echo = await startCredentialEcho();
    try {
      const apiKey = randomBytes(20).toString('hex');
      for (const scenario of ECHO_SCENARIOS) {
        const result = await inPage('echoedCredentials', { url: `${echo.url}/${scenario}`, apiKey });
        expect(result.events, scenario).toBeGreaterThan(0);
        expect(result.name, scenario).toMatch(/Error$/);
        expect(leaksOf(result.texts.join('\n'), apiKey), scenario).toEqual([]);
      }
    } finally {
      await echo.close();
    }
  });

  it('raised no uncaught page errors', () => {
    expect(errors).toEqual([]);
  });
});
