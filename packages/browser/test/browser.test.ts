import { createHash, randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { startServer, type RunningServer } from '@wbapi/server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageTests } from './fixtures/page';
import { bundle, openPage, servePage } from './harness';

const BYTES = randomBytes(200_000);
let server: RunningServer;
let site: Awaited<ReturnType<typeof servePage>>;
let browser: Browser;
let page: Page;
let errors: string[];

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

beforeAll(async () => {
  const script = await bundle(fileURLToPath(new URL('./fixtures/page.ts', import.meta.url)));
  site = await servePage(script, {
    '/bytes': (res) => res.writeHead(200, { 'Content-Length': BYTES.length }).end(BYTES),
    '/slow': (res) => res.writeHead(200, { 'Content-Length': BYTES.length }).write(BYTES.subarray(0, 1000)),
  });
  server = await startServer({ cors: [site.origin] });
  ({ browser, page, errors } = await openPage(site.origin));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await site?.close();
});

describe('@wbapi/browser in Chromium', () => {
  it('talks to the local server across origins with the page fetch', async () => {
    const result = await inPage('viewer', { url: server.url, apiKey: server.apiKey });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ data: { viewer: { username: expect.any(String) } } });
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

  it('raised no uncaught page errors', () => {
    expect(errors).toEqual([]);
  });
});
