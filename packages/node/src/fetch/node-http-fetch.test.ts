import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeHttpFetch } from './node-http-fetch';

let server: Server;
let base: string;
const big = Buffer.alloc(3 * 1024 * 1024, 7);

const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {
  '/range': (req, res) =>
    res.writeHead(206, { 'content-range': `bytes 2-4/10`, 'x-range': req.headers.range ?? '' }).end('234'),
  '/big': (_, res) => res.writeHead(200, { 'content-length': String(big.length) }).end(big),
  '/gzip': (_, res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync('unzipped')),
  '/moved': (_, res) => res.writeHead(302, { location: '/range' }).end(),
  '/empty': (_, res) => res.writeHead(204).end(),
  '/half': (_, res) => {
    res.writeHead(200, { 'content-length': '100' }).write('only part', () => res.socket?.destroy());
  },
  '/stalls': (_, res) => res.writeHead(200, { 'content-length': '100' }).write('first part'),
};

beforeAll(async () => {
  server = createServer((req, res) =>
    (routes[req.url ?? ''] ?? ((_, r) => r.writeHead(404).end()))(req, res),
  );
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((ok) => server.close(ok));
});

const refuse = (() => Promise.reject(new Error('fallback must not be called'))) as unknown as typeof fetch;

function direct(fallback = refuse): typeof fetch {
  const made = createNodeHttpFetch({ env: {} }, fallback);
  if (!made) throw new Error('expected a fetch');
  return made;
}

describe('createNodeHttpFetch', () => {
  it('sends headers (Range) and answers a Response with status, headers and url', async () => {
    const response = await direct()(`${base}/range`, { headers: { Range: 'bytes=2-' } });
    expect([response.status, response.ok, response.url]).toEqual([206, true, `${base}/range`]);
    expect(response.headers.get('x-range')).toBe('bytes=2-');
    expect(response.headers.get('content-range')).toBe('bytes 2-4/10');
    expect(await response.text()).toBe('234');
  });

  it('streams a large body chunk by chunk, whole and in order', async () => {
    const response = await direct()(`${base}/big`);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let length = 0;
    let chunks = 0;
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      expect(read.value.every((byte) => byte === 7)).toBe(true);
      length += read.value.length;
      chunks++;
    }
    expect(length).toBe(big.length);
    expect(chunks).toBeGreaterThan(1);
  });

  it('decodes gzip, and gives statuses without a body a null body', async () => {
    expect(await (await direct()(`${base}/gzip`)).text()).toBe('unzipped');
    const empty = await direct()(`${base}/empty`);
    expect([empty.status, empty.body]).toEqual([204, null]);
  });

  it('returns redirects as they are with redirect: manual, and lets the fallback follow the others', async () => {
    const manual = await direct()(`${base}/moved`, { redirect: 'manual' });
    expect([manual.status, manual.headers.get('location')]).toEqual([302, '/range']);
    const followed: string[] = [];
    const fallback = ((url: string) => {
      followed.push(url);
      return Promise.resolve(new Response('followed'));
    }) as unknown as typeof fetch;
    expect(await (await direct(fallback)(`${base}/moved`)).text()).toBe('followed');
    expect(followed).toEqual([`${base}/moved`]);
  });

  it('errors the body when the connection closes early or the signal aborts mid-body', async () => {
    await expect((await direct()(`${base}/half`)).text()).rejects.toThrow();
    const controller = new AbortController();
    const response = await direct()(`${base}/stalls`, { signal: controller.signal });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('first part');
    controller.abort(new Error('stopped'));
    await expect(reader.read()).rejects.toThrow('stopped');
  });

  it('is not used with a proxy in the environment or a dispatcher', () => {
    expect(createNodeHttpFetch({ env: { HTTPS_PROXY: 'http://proxy:3128' } }, refuse)).toBeUndefined();
    expect(createNodeHttpFetch({ env: {}, dispatcher: {} as never }, refuse)).toBeUndefined();
  });
});
