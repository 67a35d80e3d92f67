import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '@wbapi/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  Api,
  ChecksumMismatchError,
  FileExistsError,
  FileSystemError,
  type NodePlatform,
  type Run,
} from '../src/index';

const LARGE = 3 * 1024 * 1024;
let server: RunningServer;
let api: Api;
let run: Run<NodePlatform>;
let root: string;

const md5 = (path: string) => createHash('md5').update(readFileSync(path)).digest('base64');

beforeAll(async () => {
  server = await startServer({ demo: { runsPerProject: 2, historyLength: 20, largeFileBytes: LARGE } });
  api = new Api({ baseUrl: server.url, apiKey: server.apiKey });
  const [first] = await api.runs('demo/mnist', { order: '+createdAt' }).toArray({ limit: 1 });
  if (!first) throw new Error('demo/mnist has no runs');
  run = first;
}, 60_000);

afterAll(async () => {
  await server?.close();
});

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'wbapi-node-it-'));
  server.faults.clear();
  return () => rmSync(root, { recursive: true, force: true });
});

describe('file.download() on Node against the local server', () => {
  it('writes the file under root and its MD5 matches the one the server lists', async () => {
    const file = await run.file('model.bin');
    const path = await file.download({ root });
    expect(path).toBe(join(root, 'model.bin'));
    expect(md5(path)).toBe(file.md5);
    expect(readFileSync(path).length).toBe(file.sizeBytes);
  });

  it('resumes a large file when the server resets the connection mid-body', async () => {
    const file = await run.file('checkpoint-large.bin');
    const progress: number[] = [];
    const injectedBefore = server.faults.stats.injected;
    server.faults.set({ failNext: 1, failStatus: 'reset', targets: ['files'] });
    const path = await file.download({ root, onProgress: (p) => progress.push(p.bytes) });
    expect(server.faults.stats.injected - injectedBefore).toBe(1);
    expect(readFileSync(path).length).toBe(LARGE);
    expect(md5(path)).toBe(file.md5);
    expect(progress.at(-1)).toBe(LARGE);
  });

  it('rejects bytes whose MD5 differs from the listed one, naming both, unless verify is false', async () => {
    const listed = createHash('md5').update('an older version of the file').digest('base64');
    const setMd5 = server.store.db.prepare(
      "UPDATE files SET md5 = ? WHERE name = 'config.yaml' AND run_id = (SELECT id FROM runs WHERE name = ?)",
    );
    const original = (await run.file('config.yaml')).md5;
    setMd5.run(listed, run.id);
    api.flush();
    try {
      const file = await run.file('config.yaml');
      expect(file.md5).toBe(listed);
      const error = (await file.download({ root }).catch((e: unknown) => e)) as ChecksumMismatchError;
      expect(error).toBeInstanceOf(ChecksumMismatchError);
      expect(error.message).toContain(listed);
      expect(error.message).toContain(error.actual);
      expect(error.expected).toBe(listed);
      const path = await file.download({ root, verify: false });
      expect(md5(path)).toBe(error.actual);
    } finally {
      setMd5.run(original, run.id);
      api.flush();
    }
  });

  it('refuses to overwrite an existing file unless replace is set', async () => {
    const file = await run.file('config.yaml');
    await file.download({ root });
    await expect(file.download({ root })).rejects.toBeInstanceOf(FileExistsError);
    await expect(file.download({ root, replace: true })).resolves.toBe(join(root, 'config.yaml'));
  });

  it('turns file-system failures into a FileSystemError carrying the system error as cause', async () => {
    const file = await run.file('model.bin');
    const aFile = join(root, 'not-a-folder');
    writeFileSync(aFile, 'x');
    // A root that is a file; a root where nobody may create folders (even root: /sys).
    for (const [where, codes] of [
      [aFile, ['EEXIST', 'ENOTDIR']],
      [`/sys/wbapi-${process.pid}`, ['EACCES', 'EPERM', 'EROFS']],
    ] as const) {
      const error = await file.download({ root: where }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FileSystemError);
      expect(codes).toContain((error as FileSystemError).code);
      expect((error as Error).cause).toMatchObject({ code: (error as FileSystemError).code });
      expect((error as Error).message).toMatch(/^Cannot create the folder /);
    }
  });

  it('turns a full disk into a FileSystemError with the ENOSPC system error as cause, leaving no file', async () => {
    const file = await run.file('model.bin');
    // The disk refuses a write as a full one does (making a really full file system needs root).
    const probe = await open(join(root, 'probe'), 'w');
    const fileHandle = Object.getPrototypeOf(probe) as FileHandle;
    await probe.close();
    rmSync(join(root, 'probe'));
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), {
      code: 'ENOSPC',
      errno: -28,
      syscall: 'write',
    });
    const writev = vi.spyOn(fileHandle, 'writev').mockRejectedValueOnce(full);
    try {
      const error = await file.download({ root }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FileSystemError);
      expect(error).toMatchObject({ code: 'ENOSPC', cause: full });
      expect((error as Error).message).toMatch(/^Cannot write .*model\.bin \(ENOSPC\)$/);
      expect(readdirSync(root)).toEqual([]);
    } finally {
      writev.mockRestore();
    }
  });
});
