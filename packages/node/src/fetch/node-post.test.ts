import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodePlatform } from '../node-platform';
import { createNodePost } from './node-post';

let server: Server;
let base: string;
const sockets = new Set<Socket>();
const seen: { headers: IncomingMessage['headers']; body: string }[] = [];
let hung = signalled();

/** A promise and the function that resolves it. */
function signalled(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((ok) => (resolve = ok));
  return { promise, resolve };
}

const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {
  '/echo': (req, res) => res.end(`${req.headers['content-length']}:${seen.at(-1)?.body}`),
  '/gzip': (_, res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync('{"zipped":"ü"}')),
  // "é" is 0xC3 0xA9: its two bytes arrive in separate writes.
  '/split': (_, res) => {
    res.write(Buffer.from([0xef, 0xbb, 0xbf, 0x22, 0xc3]), () => res.end(Buffer.from([0xa9, 0x22])));
  },
  '/error': (_, res) => res.writeHead(429, 'Too Many', { 'retry-after': '3' }).end('slow down'),
  '/redirect': (_, res) => res.writeHead(307, { location: '/echo' }).end(),
  '/hang': () => hung.resolve(),
  '/half': (_, res) => {
    res.writeHead(200, { 'content-length': '100' }).write('{"partial":', () => res.socket?.destroy());
  },
  '/slow-body': (_, res) => res.writeHead(200, { 'content-length': '100' }).write('{"partial":'),
};

beforeAll(async () => {
  server = createServer((req, res) => {
    sockets.add(req.socket);
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ headers: req.headers, body });
      (routes[req.url ?? ''] ?? ((_, r) => r.writeHead(404).end()))(req, res);
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((ok) => server.close(ok));
});

const noFetch = (() => Promise.reject(new Error('fetch must not be called'))) as unknown as typeof fetch;

function post(path: string, body = '{}', signal = new AbortController().signal, fallback = noFetch) {
  const send = createNodePost({ env: {} }, fallback);
  if (!send) throw new Error('expected a post function');
  const headers = { 'content-type': 'application/json', 'x-test': 'yes' };
  return send(`${base}${path}`, { method: 'POST', headers, body, signal });
}

describe('createNodePost', () => {
  it('sends the body and headers, keeps one connection, and asks a loopback server for no compression', async () => {
    sockets.clear();
    const send = createNodePost({ env: {} }, noFetch);
    for (const body of ['{"a":1}', '{"b":"ü"}', '{"c":3}', '{"d":4}']) {
      const reply = await send?.(`${base}/echo`, {
        method: 'POST',
        headers: { 'x-test': 'yes' },
        body,
        signal: new AbortController().signal,
      });
      expect(reply?.ok).toBe(true);
      expect(await reply?.text()).toBe(`${Buffer.byteLength(body)}:${body}`);
    }
    expect(sockets.size).toBe(1);
    expect(seen.at(-1)?.headers['x-test']).toBe('yes');
    expect(seen.at(-1)?.headers['accept-encoding']).toBeUndefined();
  });

  it('decodes gzip bodies and UTF-8 split across chunks, and drops a BOM', async () => {
    expect(await (await post('/gzip')).text()).toBe('{"zipped":"ü"}');
    expect(await (await post('/split')).text()).toBe('"é"');
  });

  it('answers errors with their status, status text and headers', async () => {
    const reply = await post('/error');
    expect([reply.ok, reply.status, reply.statusText, reply.url]).toEqual([
      false,
      429,
      'Too Many',
      `${base}/error`,
    ]);
    expect(reply.headers.get('Retry-After')).toBe('3');
    expect(reply.headers.get('x-missing')).toBeNull();
    expect(await reply.text()).toBe('slow down');
  });

  it('hands redirects to the fetch, which follows them', async () => {
    const calls: string[] = [];
    const fallback = ((url: string) => {
      calls.push(url);
      return Promise.resolve(new Response('followed', { status: 200 }));
    }) as unknown as typeof fetch;
    expect(await (await post('/redirect', '{}', undefined, fallback)).text()).toBe('followed');
    expect(calls).toEqual([`${base}/redirect`]);
  });

  it('rejects with the abort reason while waiting for the reply and while reading the body', async () => {
    hung = signalled();
    const waiting = new AbortController();
    const pending = post('/hang', '{}', waiting.signal);
    await hung.promise;
    waiting.abort(new Error('stop waiting'));
    await expect(pending).rejects.toThrow('stop waiting');

    const reading = new AbortController();
    const reply = await post('/slow-body', '{}', reading.signal);
    reading.abort(new Error('stop reading'));
    await expect(reply.text()).rejects.toThrow('stop reading');

    const already = new AbortController();
    already.abort(new Error('too late'));
    await expect(post('/echo', '{}', already.signal)).rejects.toThrow('too late');
  });

  it('rejects when the connection closes before the whole body arrived', async () => {
    const reply = await post('/half');
    await expect(reply.text()).rejects.toThrow();
  });

  it('is not used with a proxy in the environment, a dispatcher or a fetch of one’s own', () => {
    expect(new NodePlatform({ env: {} }).post).toBeTypeOf('function');
    expect(new NodePlatform({ env: {}, fetch: noFetch }).post).toBeUndefined();
    expect(createNodePost({ env: { https_proxy: 'http://proxy:3128' } }, noFetch)).toBeUndefined();
    expect(createNodePost({ env: { HTTP_PROXY: 'http://proxy:3128' } }, noFetch)).toBeUndefined();
    expect(createNodePost({ env: {}, dispatcher: {} as never }, noFetch)).toBeUndefined();
  });
});
