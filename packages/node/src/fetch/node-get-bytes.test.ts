import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeGetBytes } from './node-get-bytes';

const FILE = Buffer.from(Array.from({ length: 200_000 }, (_, i) => i % 251));
let server: Server;
let base: string;
const seen: Record<string, string | undefined>[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ range: req.headers.range, encoding: req.headers['accept-encoding'] });
    if (req.url === '/redirect') return res.writeHead(302, { location: '/file' }).end();
    if (req.url === '/gzip') return res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(FILE));
    if (req.url === '/cut') {
      res.writeHead(200, { 'content-length': String(FILE.length) });
      return res.write(FILE.subarray(0, 1000), () => res.destroy());
    }
    const match = /bytes=(\d+)-(\d+)/.exec(req.headers.range ?? '');
    const [start, end] = match ? [Number(match[1]), Number(match[2])] : [0, FILE.length - 1];
    res.writeHead(match ? 206 : 200, {
      'content-length': String(end - start + 1),
      ...(match ? { 'content-range': `bytes ${start}-${end}/${FILE.length}` } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : FILE.subarray(start, end + 1));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const fallbackCalls: string[] = [];
const fallback: typeof fetch = (input, init) => {
  fallbackCalls.push(String(input));
  return fetch(input, init);
};
const getBytes = createNodeGetBytes({ env: {} }, fallback)!;

describe('createNodeGetBytes (the Node platform reading export files)', () => {
  it('reads a byte range into one buffer, asking for no compression', async () => {
    const reply = await getBytes(`${base}/file`, { method: 'GET', headers: { range: 'bytes=100-150099' } });
    expect(reply.status).toBe(206);
    expect(reply.headers.get('Content-Range')).toBe(`bytes 100-150099/${FILE.length}`);
    expect(Buffer.from(await reply.bytes()).equals(FILE.subarray(100, 150100))).toBe(true);
    expect(seen.at(-1)).toEqual({ range: 'bytes=100-150099', encoding: undefined });
  });

  it('reads the body into the buffer given when it fits, else into a new one', async () => {
    const into = new Uint8Array(4096);
    const fits = await (
      await getBytes(`${base}/file`, { method: 'GET', headers: { range: 'bytes=10-1009' }, into })
    ).bytes();
    expect(fits.buffer).toBe(into.buffer);
    expect(Buffer.from(fits).equals(FILE.subarray(10, 1010))).toBe(true);
    const larger = await (
      await getBytes(`${base}/file`, { method: 'GET', headers: { range: 'bytes=0-9999' }, into })
    ).bytes();
    expect(larger.buffer).not.toBe(into.buffer);
    expect(Buffer.from(larger).equals(FILE.subarray(0, 10000))).toBe(true);
  });

  it('answers HEAD with the headers and an empty body', async () => {
    const reply = await getBytes(`${base}/file`, { method: 'HEAD' });
    expect(reply.headers.get('content-length')).toBe(String(FILE.length));
    expect((await reply.bytes()).length).toBe(0);
  });

  it('decodes a compressed body, and hands redirects to the fallback fetch', async () => {
    expect(Buffer.from(await (await getBytes(`${base}/gzip`, { method: 'GET' })).bytes()).equals(FILE)).toBe(
      true,
    );
    const moved = await getBytes(`${base}/redirect`, { method: 'GET', headers: { range: 'bytes=0-9' } });
    expect(fallbackCalls).toEqual([`${base}/redirect`]);
    expect(Buffer.from(await moved.bytes()).equals(FILE.subarray(0, 10))).toBe(true);
  });

  it('rejects a body cut short, and an abort with its reason', async () => {
    const cut = await getBytes(`${base}/cut`, { method: 'GET' });
    await expect(cut.bytes()).rejects.toBeInstanceOf(Error); // never the 1,000 bytes that came
    const controller = new AbortController();
    const reason = new Error('stop');
    controller.abort(reason);
    await expect(getBytes(`${base}/file`, { method: 'GET', signal: controller.signal })).rejects.toBe(reason);
  });

  it('is absent with a proxy in the environment (the fetch honours it)', () => {
    expect(createNodeGetBytes({ env: { HTTPS_PROXY: 'http://proxy:3128' } }, fallback)).toBeUndefined();
  });
});
