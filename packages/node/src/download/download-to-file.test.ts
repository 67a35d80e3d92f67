import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import {
  ChecksumMismatchError,
  FileExistsError,
  FileSystemError,
  NetworkError,
  UnsafePathError,
  type FileSource,
} from '@wbapi/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { downloadToFile, type DownloadProgress } from './download-to-file';
import { WORKER_MD5_MIN_BYTES } from './md5-hasher';

const BYTES = randomBytes(300_000);
const MD5 = createHash('md5').update(BYTES).digest('base64');
// Larger than the size from which a worker could hash (downloads hash inline).
const BIG = randomBytes(WORKER_MD5_MIN_BYTES + 1_000_003);
const BIG_MD5 = createHash('md5').update(BIG).digest('base64');

let server: Server;
let base: string;
const ranges: Record<string, (string | undefined)[]> = {};
const drops: Record<string, number> = {};

function send(
  res: ServerResponse,
  req: IncomingMessage,
  honourRange: boolean,
  dropAfter?: number,
  bytes: Buffer = BYTES,
): void {
  const match = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
  const start = honourRange && match ? Number(match[1]) : 0;
  const body = bytes.subarray(start);
  res.setHeader('Content-Length', String(body.length));
  if (start > 0) {
    res.statusCode = 206;
    res.setHeader('Content-Range', `bytes ${start}-${bytes.length - 1}/${bytes.length}`);
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
    case 'disk-full':
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
    case 'big':
      return send(res, req, true, undefined, BIG);
    case 'big-drop-once':
      return send(res, req, true, count === 1 ? 10_000_123 : undefined, BIG);
    case 'big-drop-norange':
      return send(res, req, false, count === 1 ? 12_000_017 : undefined, BIG);
    case 'big-slow':
      res.setHeader('Content-Length', String(BIG.length));
      res.write(BIG.subarray(0, 5_000_000));
      return; // never finishes
    default:
      res.statusCode = 404;
      res.end();
  }
}

/** A FileSource like core's, reading the test server with Range requests. */
function source(
  path: string,
  name = 'out.bin',
  md5: string | null = MD5,
  sizeBytes = BYTES.length,
): FileSource {
  const url = `${base}/${path}`;
  return {
    name,
    url,
    sizeBytes,
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

  // A large file and a small one.
  it.each([
    ['small', 'plain', BYTES.length, MD5],
    ['large', 'big', BIG.length, BIG_MD5],
  ])('rejects a %s file whose MD5 differs and removes the temporary file', async (_, path, size, md5) => {
    const wrong = createHash('md5').update('other').digest('base64');
    const error = await downloadToFile(source(path, 'x.bin', wrong, size), { root }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChecksumMismatchError);
    expect(error).toMatchObject({ expected: wrong, actual: md5 });
    expect(readdirSync(root)).toEqual([]);
  });

  it('fails at once on a disk error (no resume), with the system error, and leaves no partial file', async () => {
    // The one injected fault: the disk refuses a write, as a full disk would (ENOSPC).
    const probe = await open(join(root, 'probe'), 'w');
    const fileHandle = Object.getPrototypeOf(probe) as FileHandle;
    await probe.close();
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    const writev = vi.spyOn(fileHandle, 'writev').mockRejectedValueOnce(full);
    try {
      const error = await downloadToFile(source('disk-full'), { root }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FileSystemError);
      expect(error).toMatchObject({ code: 'ENOSPC', cause: full });
      expect(writev).toHaveBeenCalledTimes(1);
      expect(ranges['disk-full']).toEqual([undefined]); // one request: no resume
      expect(leftovers(root)).toEqual([]);
      expect(existsSync(join(root, 'out.bin'))).toBe(false);
    } finally {
      writev.mockRestore();
    }
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

  it.each([
    ['small', 'slow', BYTES.length, 1],
    ['large', 'big-slow', BIG.length, 1_000_000],
  ])(
    'aborts the slow body of a %s file: rejects with the reason and removes the temporary file',
    async (_, path, size, abortAfter) => {
      const controller = new AbortController();
      const reason = new Error('stop');
      const promise = downloadToFile(source(path, 'out.bin', MD5, size), {
        root,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.bytes >= abortAfter) controller.abort(reason);
        },
      });
      await expect(promise).rejects.toBe(reason);
      expect(readdirSync(root)).toEqual([]);
    },
  );
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

describe('downloadToFile of a large file (MD5 in a worker thread)', () => {
  const big = (path: string, name = 'big.bin', md5: string | null = BIG_MD5) =>
    source(path, name, md5, BIG.length);

  it('writes every byte and checks the MD5', async () => {
    const progress: DownloadProgress[] = [];
    const path = await downloadToFile(big('big'), { root, onProgress: (p) => progress.push(p) });
    expect(readFileSync(path).equals(BIG)).toBe(true);
    expect(progress.at(-1)).toEqual({ bytes: BIG.length, totalBytes: BIG.length });
    const bytes = progress.map((p) => p.bytes);
    expect(bytes).toEqual([...bytes].sort((a, b) => a - b));
  });

  it('resumes a dropped connection from the bytes on disk and gets the MD5 right', async () => {
    const path = await downloadToFile(big('big-drop-once'), { root });
    expect(readFileSync(path).equals(BIG)).toBe(true);
    const resumedAt = Number(/^bytes=(\d+)-$/.exec(ranges['big-drop-once']?.[1] ?? '')?.[1]);
    expect(resumedAt).toBeGreaterThan(0);
    expect(resumedAt).toBeLessThanOrEqual(10_000_123);
  });

  it('starts file and MD5 over when the server ignores Range after a drop', async () => {
    const path = await downloadToFile(big('big-drop-norange'), { root });
    expect(readFileSync(path).equals(BIG)).toBe(true);
    expect(ranges['big-drop-norange']).toHaveLength(2);
  });

  it('runs many downloads at once, large and small, each with the right bytes', async () => {
    const names = Array.from({ length: 8 }, (_, i) => `many/${i}.bin`);
    const paths = await Promise.all(
      names.map((name, i) => downloadToFile(i % 2 ? big('big', name) : source('plain', name), { root })),
    );
    paths.forEach((path, i) => expect(readFileSync(path).equals(i % 2 ? BIG : BYTES)).toBe(true));
    expect(leftovers(join(root, 'many'))).toEqual([]);
  });
});
