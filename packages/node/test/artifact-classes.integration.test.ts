// The Node Api's artifact surface: api.artifact(...).download() through the platform, with the
// platform's environment (WANDB_CACHE_DIR, WANDB_ARTIFACT_DIR) and run lineage, against the
// real local server.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_API_KEY, startServer, type RunningServer } from '@wbapi/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Api, ChecksumMismatchError, NodePlatform, type ArtifactDownloadProgress } from '../src/index';
import { listTree, md5 } from './files-on-disk';

let server: RunningServer;
let dir: string;

/** A Node Api whose platform reads `env` (no process.env, no home folder of the machine). */
function api(env: Record<string, string> = {}): Api {
  return new Api({
    platform: new NodePlatform({
      env: {
        WANDB_BASE_URL: server.url,
        WANDB_API_KEY: DEMO_API_KEY,
        WANDB_CACHE_DIR: join(dir, 'cache'),
        ...env,
      },
      homeDir: dir,
    }),
    cache: false,
    retry: { baseDelayMs: 1, maxDelayMs: 2, jitter: 0 },
  });
}

beforeAll(async () => {
  server = await startServer({ demo: { runsPerProject: 4, historyLength: 5, projectsPerEntity: 1 } });
}, 60_000);
afterAll(() => server?.close());
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wbapi-artifact-classes-'));
  server.faults.clear();
  return () => rmSync(dir, { recursive: true, force: true });
});

describe('Node Api artifacts', () => {
  it('artifact.download({ root, concurrency, onProgress }): every file byte-identical to the manifest, through the cache', async () => {
    const dataset = await api().artifact('demo/mnist/mnist-dataset:latest', { type: 'dataset' });
    const progress: ArtifactDownloadProgress[] = [];
    const root = await dataset.download({
      root: join(dir, 'data'),
      concurrency: 2,
      onProgress: (p) => progress.push(p),
    });
    expect(root).toBe(join(dir, 'data'));
    const manifest = await dataset.manifest();
    expect(listTree(root)).toEqual([...manifest.entries.keys()].sort());
    for (const entry of manifest.entries.values()) {
      expect(md5(readFileSync(join(root, entry.path))), entry.path).toBe(entry.digest);
      const hex = Buffer.from(entry.digest, 'base64').toString('hex');
      // The platform's WANDB_CACHE_DIR holds the blobs, in Python's layout.
      expect(existsSync(join(dir, 'cache', 'artifacts', 'obj', 'md5', hex.slice(0, 2), hex.slice(2)))).toBe(
        true,
      );
    }
    expect(progress.at(-1)).toEqual({
      bytes: dataset.size,
      totalBytes: dataset.size,
      files: dataset.fileCount,
      totalFiles: dataset.fileCount,
    });
  });

  it('artifact.download() defaults root to WANDB_ARTIFACT_DIR/<source name>, and takes pathPrefix', async () => {
    const linked = await api({ WANDB_ARTIFACT_DIR: join(dir, 'arts') }).artifact(
      'wandb-registry-model/mnist-classifier:production',
    );
    const root = await linked.download({ pathPrefix: 'weights/' });
    // As in Python: the folder is named after the source version, even for a registry link.
    expect(root).toBe(join(dir, 'arts', 'mnist-cnn:v1'));
    expect(listTree(root)).toEqual(['weights/model.bin']);
    const file = await linked.file('weights/model.bin');
    expect(md5(readFileSync(join(root, 'weights/model.bin')))).toBe(file.md5);
  });

  it('artifact.download({ allowMissingReferences }) skips a reference that is gone, else fails naming it', async () => {
    const gone = `${server.url}/files/demo/mnist/nope/missing.txt`;
    server.store.artifacts.add({
      entity: 'demo',
      project: 'mnist',
      type: 'dataset',
      name: 'with-missing-ref',
      files: [
        { path: 'here.txt', bytes: Buffer.from('here\n') },
        { path: 'web/gone', ref: gone, digest: gone, size: 0 },
      ],
    });
    const artifact = await api().artifact('demo/mnist/with-missing-ref:v0');
    await expect(artifact.download({ root: join(dir, 'strict') })).rejects.toThrow(
      `Reference ${gone} of web/gone`,
    );
    expect(listTree(join(dir, 'strict'))).toEqual([]);
    const warnings: string[] = [];
    const root = await artifact.download({
      root: join(dir, 'lenient'),
      allowMissingReferences: true,
      onWarning: (w) => warnings.push(w),
    });
    expect(listTree(root)).toEqual(['here.txt']);
    expect(warnings).toEqual([`Skipped missing reference web/gone (${gone})`]);
  });

  it('artifact.download() with a corrupted byte on the server: a checksum error, nothing under root', async () => {
    const bytes = Buffer.alloc(50_000, 9);
    server.store.artifacts.add({
      entity: 'demo',
      project: 'mnist',
      type: 'dataset',
      name: 'corrupted',
      files: [{ path: 'blob.bin', bytes }],
    });
    server.store.artifacts.corruptBlob(md5(bytes), 123);
    const artifact = await api().artifact('demo/mnist/corrupted:v0');
    const error = await artifact.download({ root: join(dir, 'out') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChecksumMismatchError);
    expect((error as Error).message).toContain('blob.bin');
    expect(listTree(join(dir, 'out'))).toEqual([]);
  });

  it('run.loggedArtifacts() and run.usedArtifacts() on runs of the Node Api, and artifact.file(name).download()', async () => {
    const a = api();
    const dataset = await a.artifact('demo/mnist/mnist-dataset:v0');
    const creator = await dataset.loggedBy();
    const run = await a.run(creator!.path);
    expect((await run.loggedArtifacts().toArray({ limit: 5 })).map((v) => v.qualifiedName)).toEqual([
      'demo/mnist/mnist-dataset:v0',
    ]);
    const users = await dataset.usedBy();
    const evaluator = await a.run(users[2]!.path);
    const used = await evaluator.usedArtifacts().toArray({ limit: 5 });
    expect(used.map((v) => v.name).sort()).toEqual(['mnist-cnn:v1', 'mnist-dataset:v0']);
    const model = used.find((v) => v.type === 'model')!;
    const path = await (await model.file('model.json')).download({ root: join(dir, 'one') });
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ layers: [32, 64, 128, 10], version: 1 });
    const types = await a.artifactTypes('demo/mnist').toArray({ limit: 5 });
    expect(types.map((t) => t.name)).toEqual(['dataset', 'model']);
  });
});
