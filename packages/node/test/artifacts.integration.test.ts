import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DEMO_API_KEY, startServer, type FaultConfig, type RunningServer } from '@wbapi/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  Api,
  ChecksumMismatchError,
  NotFoundError,
  UnsafePathError,
  UnsupportedReferenceError,
  artifactCacheDir,
  defaultArtifactRoot,
  downloadArtifact,
  resolveArtifact,
  type ArtifactDownloadProgress,
} from '../src/index';
import { listTree, md5 } from './files-on-disk';

const LARGE = 300_000;
let server: RunningServer;
let dir: string;

let inFlight = 0;
let maxInFlight = 0;
const countingFetch: typeof fetch = async (input, init) => {
  const url = String(input instanceof Request ? input.url : input);
  const counted = url.includes('/artifact-files/');
  if (counted) maxInFlight = Math.max(maxInFlight, ++inFlight);
  try {
    const response = await fetch(input, init);
    if (!counted) return response;
    const body = await response.arrayBuffer().catch(() => new ArrayBuffer(0));
    return new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  } finally {
    if (counted) inFlight--;
  }
};

function api(): Api {
  return new Api({
    baseUrl: server.url,
    apiKey: DEMO_API_KEY,
    cache: false,
    fetch: countingFetch,
    retry: { baseDelayMs: 1, maxDelayMs: 2, jitter: 0 },
  });
}

/** Download options with a private cache and small Range parts (the large file comes in 6 parts). */
function opts(extra: Record<string, unknown> = {}) {
  return {
    root: join(dir, 'out'),
    cacheDir: join(dir, 'cache'),
    multipartThreshold: 100_000,
    partSize: 50_000,
    ...extra,
  };
}

async function manifestDigests(path: string): Promise<Map<string, string>> {
  const artifact = await resolveArtifact(api().context, path);
  const manifest = await artifact.manifest();
  return new Map([...manifest.entries.values()].map((e) => [e.path, e.digest]));
}

async function expectIdentical(root: string, path: string): Promise<void> {
  const digests = await manifestDigests(path);
  expect(listTree(root)).toEqual([...digests.keys()].sort());
  for (const [name, digest] of digests) expect(md5(readFileSync(join(root, name))), name).toBe(digest);
}

beforeAll(async () => {
  server = await startServer({
    demo: { runsPerProject: 4, historyLength: 5, projectsPerEntity: 1, largeArtifactBytes: LARGE },
  });
}, 60_000);
afterAll(() => server?.close());
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wbapi-artifacts-'));
  server.faults.clear();
  maxInFlight = 0;
  return () => rmSync(dir, { recursive: true, force: true });
});

describe('downloadArtifact', () => {
  it('writes every file byte-identical, fills the Python cache layout, and reports progress', async () => {
    const artifact = await resolveArtifact(api().context, 'demo/mnist/mnist-dataset:latest');
    const progress: ArtifactDownloadProgress[] = [];
    const root = await downloadArtifact(
      artifact,
      opts({ onProgress: (p: ArtifactDownloadProgress) => progress.push(p), concurrency: 2 }),
    );
    expect(root).toBe(join(dir, 'out'));
    await expectIdentical(root, 'demo/mnist/mnist-dataset:v0');
    const last = progress.at(-1) as ArtifactDownloadProgress;
    expect(last).toEqual({ bytes: artifact.size, totalBytes: artifact.size, files: 4, totalFiles: 4 });
    expect(maxInFlight).toBeLessThanOrEqual(2);
    for (const [, digest] of await manifestDigests('demo/mnist/mnist-dataset:v0')) {
      const hex = Buffer.from(digest, 'base64').toString('hex');
      expect(existsSync(join(dir, 'cache', 'obj', 'md5', hex.slice(0, 2), hex.slice(2)))).toBe(true);
    }
  });

  const matrix: [string, FaultConfig | 'expired'][] = [
    ['5xx', { errorRate: 0.4, targets: ['files'] }],
    ['429 with Retry-After', { rateLimitRate: 0.4, retryAfterSeconds: 0, targets: ['files'] }],
    ['connection resets mid-body', { resetRate: 0.4, targets: ['files'] }],
    ['expired URLs', 'expired'],
  ];
  for (const [name, faults] of matrix) {
    it(`is byte-identical under ${name} (whole files and Range parts)`, async () => {
      const artifact = await resolveArtifact(api().context, 'demo/mnist/mnist-dataset:v0');
      if (faults === 'expired') server.store.artifacts.urls.expireNext(4);
      else server.faults.set(faults);
      const injected = server.faults.stats.injected;
      const root = await downloadArtifact(artifact, opts({ concurrency: 3 }));
      if (faults !== 'expired') expect(server.faults.stats.injected).toBeGreaterThan(injected);
      server.faults.clear();
      await expectIdentical(root, 'demo/mnist/mnist-dataset:v0');
    });
  }

  it('a corrupted byte on the server: checksum error naming the file and both digests, nothing half-written', async () => {
    const added = server.store.artifacts.add({
      entity: 'demo',
      project: 'mnist',
      type: 'dataset',
      name: 'corrupt',
      files: [
        { path: 'ok.txt', bytes: Buffer.from('fine') },
        { path: 'deep/bad.bin', bytes: Buffer.alloc(120_000, 7) },
      ],
    });
    const digest = md5(Buffer.alloc(120_000, 7));
    server.store.artifacts.corruptBlob(digest, 99_999);
    const artifact = await resolveArtifact(api().context, `demo/mnist/corrupt:v${added.versionIndex}`);
    for (const multipart of [false, true]) {
      const error = await downloadArtifact(
        artifact,
        opts({ multipartThreshold: multipart ? 100_000 : 2 ** 31 }),
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ChecksumMismatchError);
      const { message, expected, actual } = error as ChecksumMismatchError;
      expect(message).toContain('deep/bad.bin');
      expect(message).toContain(digest);
      expect(message).toContain(actual);
      expect(expected).toBe(digest);
      expect(actual).not.toBe(digest);
      expect(listTree(join(dir, 'out'))).toEqual([]);
      const hex = Buffer.from(digest, 'base64').toString('hex');
      expect(listTree(join(dir, 'cache', 'obj', 'md5', hex.slice(0, 2)))).toEqual([]);
    }
  });

  it('takes files laid out as Python caches them without requesting them (WANDB_CACHE_DIR)', async () => {
    const bytes = { 'a.txt': Buffer.from('alpha\n'), 'sub/b.bin': Buffer.alloc(5000, 3) };
    server.store.artifacts.add({
      entity: 'demo',
      project: 'mnist',
      type: 'dataset',
      name: 'cached',
      files: Object.entries(bytes).map(([path, b]) => ({ path, bytes: b })),
    });
    const cacheRoot = join(dir, 'wandb-cache');
    for (const b of Object.values(bytes)) {
      const hex = Buffer.from(md5(b), 'base64').toString('hex');
      const path = join(cacheRoot, 'artifacts', 'obj', 'md5', hex.slice(0, 2), hex.slice(2));
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, b);
    }
    const env = { WANDB_CACHE_DIR: cacheRoot };
    expect(artifactCacheDir({ env })).toBe(join(cacheRoot, 'artifacts'));
    const artifact = await resolveArtifact(api().context, 'demo/mnist/cached:latest');
    server.faults.set({ targets: ['files'] });
    const before = server.faults.stats.requests;
    const root = await downloadArtifact(artifact, { root: join(dir, 'out'), env });
    expect(server.faults.stats.requests - before).toBe(1); // the manifest only
    for (const [name, b] of Object.entries(bytes)) expect(readFileSync(join(root, name))).toEqual(b);
  });

  it('downloads only pathPrefix, bypasses the cache with skipCache, and defaults root like Python', async () => {
    const artifact = await resolveArtifact(api().context, 'demo/mnist/mnist-dataset:v0');
    const root = await downloadArtifact(artifact, opts({ pathPrefix: 'train/', skipCache: true }));
    expect(listTree(root)).toEqual(['train/images.bin', 'train/labels.csv']);
    expect(listTree(join(dir, 'cache'))).toEqual([]);
    expect(defaultArtifactRoot(artifact.sourceName, { env: { WANDB_ARTIFACT_DIR: 'arts' }, cwd: dir })).toBe(
      join(dir, 'arts', 'mnist-dataset:v0'),
    );
    expect(defaultArtifactRoot('a:v1', { env: {}, cwd: dir, platform: 'win32' })).toBe(
      join(dir, 'artifacts', 'a-v1'),
    );
  });

  it('refuses entry paths that would land outside root before writing anything', async () => {
    server.store.artifacts.add({
      entity: 'demo',
      project: 'mnist',
      type: 'dataset',
      name: 'evil',
      files: [
        { path: 'fine.txt', bytes: Buffer.from('x') },
        { path: '../escape.txt', bytes: Buffer.from('y') },
      ],
    });
    const artifact = await resolveArtifact(api().context, 'demo/mnist/evil:v0');
    await expect(downloadArtifact(artifact, opts())).rejects.toBeInstanceOf(UnsafePathError);
    expect(existsSync(join(dir, 'escape.txt'))).toBe(false);
    expect(listTree(join(dir, 'out'))).toEqual([]);
  });

  it('fetches http references (checking the ETag), and reports cloud references unless a fetcher reads them', async () => {
    const runFile = `${server.url}/files/demo/mnist/`;
    const [run] = server.store.db
      .prepare(
        "SELECT r.name FROM runs r JOIN projects p ON p.id = r.project_id WHERE p.name = 'mnist' LIMIT 1",
      )
      .all() as { name: string }[];
    const fileRow = server.store.db
      .prepare('SELECT f.name, f.md5 FROM files f JOIN runs r ON r.id = f.run_id WHERE r.name = ? LIMIT 1')
      .get(run!.name) as { name: string; md5: string };
    const url = `${runFile}${run!.name}/${fileRow.name}`;
    const etag = Buffer.from(fileRow.md5, 'base64').toString('hex');
    server.store.artifacts.add({
      entity: 'demo',
      project: 'mnist',
      type: 'dataset',
      name: 'refs',
      files: [
        { path: 'local.txt', bytes: Buffer.from('local') },
        { path: 'web/file', ref: url, digest: etag, size: 10 },
        { path: 'cloud/obj.bin', ref: 's3://bucket/obj.bin', digest: 'etag-1', size: 3 },
        { path: 'web/gone', ref: `${runFile}nope/missing.txt`, digest: 'x', size: 1 },
      ],
    });
    const artifact = await resolveArtifact(api().context, 'demo/mnist/refs:v0');
    await expect(downloadArtifact(artifact, opts({ allowMissingReferences: true }))).rejects.toBeInstanceOf(
      UnsupportedReferenceError,
    );
    expect(listTree(join(dir, 'out'))).toEqual([]);
    const fetcher = async (entry: { ref: string }) =>
      entry.ref === 's3://bucket/obj.bin' ? new Uint8Array([1, 2, 3]) : null;
    await expect(downloadArtifact(artifact, opts({ referenceFetcher: fetcher }))).rejects.toBeInstanceOf(
      NotFoundError,
    );
    const warnings: string[] = [];
    const root = await downloadArtifact(
      artifact,
      opts({
        referenceFetcher: fetcher,
        allowMissingReferences: true,
        onWarning: (w: string) => warnings.push(w),
      }),
    );
    expect(listTree(root)).toEqual(['cloud/obj.bin', 'local.txt', 'web/file']);
    expect(md5(readFileSync(join(root, 'web/file')))).toBe(fileRow.md5);
    expect([...readFileSync(join(root, 'cloud/obj.bin'))]).toEqual([1, 2, 3]);
    expect(warnings).toEqual([`Skipped missing reference web/gone (${runFile}nope/missing.txt)`]);
  });

  it('downloads one file through the platform (artifact.file(name).download())', async () => {
    const artifact = await resolveArtifact(api().context, 'demo/mnist/mnist-dataset:v0');
    server.store.artifacts.urls.expireNext(1);
    const file = await artifact.file('train/labels.csv');
    const path = await file.download({ root: join(dir, 'one') });
    expect(path).toBe(join(dir, 'one', 'train', 'labels.csv'));
    expect(md5(readFileSync(path))).toBe(file.md5);
  });

  it('follows wandb-artifact:// references into the referenced version', async () => {
    const model = await resolveArtifact(api().context, 'demo/mnist/mnist-cnn:v0');
    const target = await model.file('model.json');
    const hex = Buffer.from(model.id, 'base64').toString('hex');
    server.store.artifacts.add({
      entity: 'demo',
      project: 'mnist',
      type: 'model',
      name: 'derived',
      files: [
        {
          path: 'from-cnn.json',
          ref: `wandb-artifact://${hex}/model.json`,
          digest: target.md5 as string,
          size: 0,
        },
        { path: 'gone.json', ref: `wandb-artifact://${hex}/nope.json`, digest: 'x', size: 0 },
      ],
    });
    const derived = await resolveArtifact(api().context, 'demo/mnist/derived:v0');
    await expect(downloadArtifact(derived, opts())).rejects.toBeInstanceOf(NotFoundError);
    const root = await downloadArtifact(derived, opts({ allowMissingReferences: true }));
    expect(listTree(root)).toEqual(['from-cnn.json']);
    expect(md5(readFileSync(join(root, 'from-cnn.json')))).toBe(target.md5);
  });

  it('stops on abort and leaves nothing under root', async () => {
    const artifact = await resolveArtifact(api().context, 'demo/mnist/mnist-dataset:v0');
    const controller = new AbortController();
    const reason = new Error('stop here');
    const onProgress = (p: ArtifactDownloadProgress) => {
      if (p.bytes > 0) controller.abort(reason);
    };
    await expect(
      downloadArtifact(artifact, opts({ signal: controller.signal, onProgress, concurrency: 1 })),
    ).rejects.toBe(reason);
    expect(listTree(join(dir, 'out'))).toEqual([]);
    expect(listTree(join(dir, 'cache')).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it('falls back to the authenticated route when direct URLs keep failing (§5.3)', async () => {
    const artifact = await resolveArtifact(api().context, 'demo/mnist/mnist-dataset:v0');
    server.store.artifacts.urls.expireNext(1_000_000); // every file URL, refreshed or not, is expired
    try {
      const root = await downloadArtifact(artifact, opts({ concurrency: 2 }));
      await expectIdentical(root, 'demo/mnist/mnist-dataset:v0');
    } finally {
      server.store.artifacts.urls.expireNext(0);
    }
  });
});
