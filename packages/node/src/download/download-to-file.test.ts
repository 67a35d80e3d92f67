import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ChecksumMismatchError,
  FileExistsError,
  NetworkError,
  UnsafePathError,
  type FileSource,
} from '@wbapi/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { downloadToFile, type DownloadProgress } from './download-to-file';

const BYTES = randomBytes(300_000);
const MD5 = createHash('md5').update(BYTES).digest('base64');

let server: Server;
let base: string;
const ranges: Record<string, (string | undefined)[]> = {};
const drops: Record<string, number> = {};

function send(res: ServerResponse, req: IncomingMessage, honourRange: boolean, dropAfter?: number): void {
  const match = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
  const start = honourRange && match ? Number(match[1]) : 0;
  const body = BYTES.subarray(start);
  res.setHeader('Content-Length', String(body.length));
  if (start > 0) {
    res.statusCode = 206;
    res.setHeader('Content-Range', `bytes ${start}-${BYTES.length - 1}/${BYTES.length}`);
  }
  if (dropAfter === undefined) {
    res.end(body);
    return;
  }
  res.flushHeaders();
  res.write(body.subarray(0, dropAfter), () => setImmediate(() => res.socket?.destroy()));
}

function handle(req: IncomingMessage, res: ServerResponse): void {
  const path = new URL(req.url ?? '/', 'http://x').pathname.slice(1);
  (ranges[path] ??= []).push(req.headers.range);
  const count = (drops[path] = (drops[path] ?? 0) + 1);
  switch (path) {
    case 'plain':
      return send(res, req, true);
    case 'drop-once':
      return send(res, req, true, count === 1 ? 100_000 : undefined);
    case 'drop-norange':
      return send(res, req, false, count === 1 ? 120_000 : undefined);
    case 'always-drop':
      return send(res, req, true, 1000);
    case 'slow':
      res.setHeader('Content-Length', String(BYTES.length));
      res.write(BYTES.subarray(0, 1000));
      return; // never finishes
    default:
      res.statusCode = 404;
      res.end();
  }
}

/** A FileSource like core's, reading the test server with Range requests. */
function source(path: string, name = 'out.bin', md5: string | null = MD5): FileSource {
  const url = `${base}/${path}`;
  return {
    name,
    url,
    sizeBytes: BYTES.length,
    md5,
    async open({ offset = 0, signal } = {}) {
      const res = await fetch(url, {
        headers: offset > 0 ? { Range: `bytes=${offset}-` } : {},
        ...(signal ? { signal } : {}),
      });
      if (!res.body || (res.status !== 200 && res.status !== 206)) throw new Error(`HTTP ${res.status}`);
      const from = res.status === 206 ? offset : 0;
      const length = Number(res.headers.get('content-length'));
      return { body: res.body, offset: from, totalBytes: from + length };
    },
  };
}

let root: string;
beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((ok) => server.close(ok));
});
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'wbapi-dl-'));
  for (const key of Object.keys(drops)) delete drops[key];
  for (const key of Object.keys(ranges)) delete ranges[key];
  return () => rmSync(root, { recursive: true, force: true });
});

const leftovers = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.part'));

describe('downloadToFile', () => {
  it('writes the bytes under root, creating folders, reporting progress, and returns the absolute path', async () => {
    const progress: DownloadProgress[] = [];
    const path = await downloadToFile(source('plain', 'media/deep/out.bin'), {
      root,
      onProgress: (p) => progress.push(p),
    });
    expect(path).toBe(join(root, 'media/deep/out.bin'));
    expect(readFileSync(path).equals(BYTES)).toBe(true);
    expect(progress.at(-1)).toEqual({ bytes: BYTES.length, totalBytes: BYTES.length });
    expect(leftovers(join(root, 'media/deep'))).toEqual([]);
  });

  it('resumes a dropped connection with a Range request', async () => {
    const path = await downloadToFile(source('drop-once'), { root });
    expect(readFileSync(path).equals(BYTES)).toBe(true);
    expect(ranges['drop-once']?.[0]).toBeUndefined();
    expect(ranges['drop-once']?.[1]).toMatch(/^bytes=[1-9]\d*-$/);
  });

  it('starts over cleanly when the server ignores Range', async () => {
    const path = await downloadToFile(source('drop-norange'), { root });
    expect(readFileSync(path).equals(BYTES)).toBe(true);
    expect(ranges['drop-norange']).toHaveLength(2);
  });

  it('gives up after maxResumes with a NetworkError and leaves no partial file', async () => {
    const error = await downloadToFile(source('always-drop'), { root, maxResumes: 2 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(NetworkError);
    expect(ranges['always-drop']).toHaveLength(3);
    expect(readdirSync(root)).toEqual([]);
  });

  it('rejects bytes whose MD5 differs and removes the temporary file', async () => {
    const wrong = createHash('md5').update('other').digest('base64');
    const error = await downloadToFile(source('plain', 'x.bin', wrong), { root }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChecksumMismatchError);
    expect(error).toMatchObject({ expected: wrong, actual: MD5 });
    expect(readdirSync(root)).toEqual([]);
  });

  it('refuses to overwrite unless replace is set, without touching the file', async () => {
    const target = join(root, 'out.bin');
    writeFileSync(target, 'keep me');
    await expect(downloadToFile(source('plain'), { root })).rejects.toBeInstanceOf(FileExistsError);
    expect(readFileSync(target, 'utf8')).toBe('keep me');
    expect(drops['plain']).toBeUndefined();
    await downloadToFile(source('plain'), { root, replace: true });
    expect(readFileSync(target).equals(BYTES)).toBe(true);
  });

  it('rejects unsafe names before any request', async () => {
    await expect(downloadToFile(source('plain', '../escape.bin'), { root })).rejects.toBeInstanceOf(
      UnsafePathError,
    );
    expect(drops['plain']).toBeUndefined();
    expect(existsSync(join(root, '..', 'escape.bin'))).toBe(false);
  });

  it('aborts a slow body: rejects with the reason and removes the temporary file', async () => {
    const controller = new AbortController();
    const reason = new Error('stop');
    const promise = downloadToFile(source('slow'), {
      root,
      signal: controller.signal,
      onProgress: () => controller.abort(reason),
    });
    await expect(promise).rejects.toBe(reason);
    expect(readdirSync(root)).toEqual([]);
  });
});

describe('downloadToFile racing another writer', () => {
  it('does not overwrite a file that appeared during the download unless replace is set', async () => {
    const target = join(root, 'out.bin');
    const racing: FileSource = {
      ...source('plain'),
      async open(options) {
        writeFileSync(target, 'written meanwhile');
        return source('plain').open(options);
      },
    };
    await expect(downloadToFile(racing, { root })).rejects.toBeInstanceOf(FileExistsError);
    expect(readFileSync(target, 'utf8')).toBe('written meanwhile');
    expect(leftovers(root)).toEqual([]);
    await downloadToFile(racing, { root, replace: true });
    expect(readFileSync(target).equals(BYTES)).toBe(true);
  });
});
