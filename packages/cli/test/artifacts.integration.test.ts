import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, type Dirent } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { Api, artifactCollections, resolveArtifact } from '@wbapi/node';
import { DEMO_API_KEY } from '@wbapi/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseCsv, tempDir } from './helpers/files';
import { runCli, type RunCliOptions } from './helpers/run-cli';
import { serverFlags, useDemoServer } from './helpers/server';

const demoServer = useDemoServer();
const FAST_RETRIES: RunCliOptions = { apiOptions: { retry: { baseDelayMs: 1, maxDelayMs: 2, jitter: 0 } } };

let dir: string;
beforeEach(async () => {
  dir = await tempDir();
  // Never the user's cache or ./artifacts: both come from the variables Python reads too.
  vi.stubEnv('WANDB_CACHE_DIR', join(dir, 'cache'));
  vi.stubEnv('WANDB_ARTIFACT_DIR', join(dir, 'artifacts'));
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await rm(dir, { recursive: true, force: true });
});

function api(): Api {
  return new Api({ baseUrl: demoServer().url, apiKey: DEMO_API_KEY, cache: false });
}

function cli(argv: string[], options: RunCliOptions = {}) {
  return runCli([...argv, ...serverFlags(demoServer())], options);
}

const md5 = (bytes: Uint8Array): string => createHash('md5').update(bytes).digest('base64');

/** Every file under `root`, relative, sorted. */
function listTree(root: string): string[] {
  if (!existsSync(root)) return [];
  return (readdirSync(root, { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .sort();
}

/** Each manifest entry of `path`'s version with its MD5, as the library reads the manifest. */
async function manifestDigests(path: string): Promise<Map<string, string>> {
  const manifest = await (await resolveArtifact(api().context, path)).manifest();
  return new Map([...manifest.entries.values()].map((entry) => [entry.path, entry.digest]));
}

/** Where Python's cache (and wbapi's) keeps a blob: `<WANDB_CACHE_DIR>/artifacts/obj/md5/<hex[0:2]>/<hex[2:]>`. */
function cachedBlob(digest: string): string {
  const hex = Buffer.from(digest, 'base64').toString('hex');
  return join(dir, 'cache', 'artifacts', 'obj', 'md5', hex.slice(0, 2), hex.slice(2));
}

/** `root` holds exactly the version's files, each with the manifest's MD5. */
async function expectIdentical(root: string, path: string): Promise<void> {
  const digests = await manifestDigests(path);
  expect(listTree(root)).toEqual([...digests.keys()].sort());
  for (const [name, digest] of digests) expect(md5(readFileSync(join(root, name))), name).toBe(digest);
}

describe('wbapi artifact get', () => {
  it('downloads every file byte-identical into ./artifacts/<name>:v<N> (WANDB_ARTIFACT_DIR), with progress', async () => {
    const result = await cli(['artifact', 'get', 'demo/mnist/mnist-dataset:latest']);
    expect(result.stderr).not.toContain('Error');
    expect(result.code).toBe(0);
    const root = join(dir, 'artifacts', 'mnist-dataset:v0');
    expect(result.stdout).toBe(`${root}\n`);
    await expectIdentical(root, 'demo/mnist/mnist-dataset:v0');
    for (const digest of (await manifestDigests('demo/mnist/mnist-dataset:v0')).values()) {
      expect(existsSync(cachedBlob(digest))).toBe(true);
    }
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^mnist-dataset:v0: files 0\/4, /);
    expect(lines.at(-2)).toMatch(/^mnist-dataset:v0: files 4\/4, 266\.2 kB of 266\.2 kB, /);
    expect(lines.at(-1)).toBe(
      `wbapi: demo/mnist/mnist-dataset:latest (mnist-dataset:v0): 4 files, 266.2 kB in ${root}`,
    );
  });

  it('downloads a registry version into --root, and only --path-prefix when given', async () => {
    const root = join(dir, 'model');
    const result = await cli([
      'artifact',
      'get',
      'wandb-registry-model/mnist-classifier:production',
      '--root',
      root,
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${root}\n`);
    await expectIdentical(root, 'demo/mnist/mnist-cnn:v1');

    const weights = join(dir, 'weights');
    const some = await cli([
      'artifact',
      'get',
      'demo/mnist/mnist-cnn:v0',
      '--root',
      weights,
      '--path-prefix',
      'weights/',
    ]);
    expect(some.code).toBe(0);
    expect(listTree(weights)).toEqual(['weights/model.bin']);
  });

  it('is byte-identical when the file URLs fail now and then (retries reported on stderr)', async () => {
    demoServer().faults.set({ errorRate: 0.4, targets: ['files'], seed: 5 });
    const root = join(dir, 'out');
    const result = await cli(
      ['artifact', 'get', 'demo/mnist/mnist-dataset:v0', '--root', root],
      FAST_RETRIES,
    );
    demoServer().faults.clear();
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/retrying in/);
    await expectIdentical(root, 'demo/mnist/mnist-dataset:v0');
  });

  it('a corrupted file: a checksum error naming the file and both digests, exit code 6, nothing half-written', async () => {
    const bad = Buffer.alloc(20_000, 7);
    demoServer().store.artifacts.add({
      entity: 'demo',
      project: 'scratch',
      type: 'dataset',
      name: 'corrupt',
      files: [
        { path: 'ok.txt', bytes: Buffer.from('fine') },
        { path: 'deep/bad.bin', bytes: bad },
      ],
    });
    demoServer().store.artifacts.corruptBlob(md5(bad), 12_345);
    const root = join(dir, 'out');
    const result = await cli(['artifact', 'get', 'demo/scratch/corrupt:latest', '--root', root]);
    expect(result.code).toBe(6);
    const message = result.stderr.trimEnd().split('\n').at(-1) as string;
    expect(message).toMatch(/^wbapi: ChecksumMismatchError: Checksum mismatch for deep\/bad\.bin: /);
    expect(message).toContain(md5(bad));
    expect(message).toMatch(/the downloaded bytes have [A-Za-z0-9+/]{22}==/);
    expect(listTree(root)).toEqual([]);
    // The bad bytes are not kept in the cache either (a later run downloads them again).
    expect(existsSync(cachedBlob(md5(bad)))).toBe(false);
  });

  it('refuses a version whose file names leave --root, writing nothing (exit code 6)', async () => {
    demoServer().store.artifacts.add({
      entity: 'demo',
      project: 'scratch',
      type: 'dataset',
      name: 'evil',
      files: [
        { path: 'fine.txt', bytes: Buffer.from('x') },
        { path: '../escape.txt', bytes: Buffer.from('y') },
      ],
    });
    const root = join(dir, 'out');
    const result = await cli(['artifact', 'get', 'demo/scratch/evil:v0', '--root', root]);
    expect(result.code).toBe(6);
    expect(result.stderr).toMatch(/UnsafePathError: .*\.\.\/escape\.txt/);
    expect(listTree(dir).filter((name) => !name.startsWith('cache'))).toEqual([]);
  });

  it('Ctrl-C: exit code 130 with a hint, nothing under --root', async () => {
    const controller = new AbortController();
    const root = join(dir, 'out');
    const result = await cli(['artifact', 'get', 'demo/mnist/mnist-dataset:v0', '--root', root], {
      signal: controller.signal,
      onStderr: () => controller.abort(new DOMException('interrupted', 'AbortError')),
    });
    expect(result.code).toBe(130);
    expect(result.stderr.trimEnd().split('\n').at(-1)).toBe(
      'wbapi: interrupted (files already verified stay in the cache: run it again to continue)',
    );
    expect(listTree(root)).toEqual([]);
  });

  it('bad paths and types: clear errors and exit codes', async () => {
    const cases: [string[], number, RegExp][] = [
      [['a/b/c/d'], 2, /Invalid artifact path: 'a\/b\/c\/d' \(more than three parts/],
      [['demo/mnist/mnist-cnn:'], 2, /Invalid artifact path: .*empty alias/],
      [['demo/mnist/mnist-cnn:v9'], 4, /'mnist-cnn:v9' not found in 'demo\/mnist'/],
      [['demo/nope/mnist-cnn:v0'], 4, /project 'nope' not found/],
      [
        ['demo/mnist/mnist-cnn:v0', '--type', 'dataset'],
        2,
        /type dataset specified but this artifact is of type model/,
      ],
    ];
    for (const [args, code, message] of cases) {
      const result = await cli(['artifact', 'get', ...args, '--root', join(dir, 'out')]);
      expect(result.code, args.join(' ')).toBe(code);
      expect(result.stderr, args.join(' ')).toMatch(message);
      expect(result.stdout).toBe('');
    }
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('a --root that is (or is inside) a file: exit code 2 before downloading', async () => {
    await writeFile(join(dir, 'taken'), 'x');
    for (const root of [join(dir, 'taken'), join(dir, 'taken', 'sub')]) {
      const result = await cli(['artifact', 'get', 'demo/mnist/mnist-cnn:v0', '--root', root]);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        `wbapi: OutputError: --root ${root}: ${join(dir, 'taken')} is a file, not a folder\n`,
      );
    }
    expect(existsSync(join(dir, 'cache'))).toBe(false);
  });
});

describe('wbapi artifact ls', () => {
  it('lists every type and collection with its newest version', async () => {
    const result = await cli(['artifact', 'ls', 'demo/mnist']);
    expect(result.code).toBe(0);
    const rows = result.stdout
      .trimEnd()
      .split('\n')
      .map((line) => line.split(/\s+/));
    expect(rows[0]).toEqual(['type', 'name', 'versions', 'latest', 'aliases', 'size', 'created']);
    expect(rows.slice(1).map((row) => row.slice(0, 5))).toEqual([
      ['dataset', 'mnist-dataset', '1', 'v0', 'latest'],
      ['model', 'mnist-cnn', '2', 'v1', 'latest,best,production'],
    ]);
  });

  it('--type and JSON: records agree with the library; a registry is listed through its org', async () => {
    const result = await cli(['artifact', 'ls', 'demo/mnist', '--type', 'model', '--format', 'json']);
    const records = JSON.parse(result.stdout) as Record<string, unknown>[];
    const collections = await artifactCollections(api().context, 'demo/mnist', 'model').toArray({
      limit: 10,
    });
    expect(records.map((r) => r['path'])).toEqual(collections.map((c) => c.path));
    const latest = await resolveArtifact(api().context, 'demo/mnist/mnist-cnn:latest');
    expect(records[0]).toMatchObject({
      type: 'model',
      kind: 'sequence',
      versions: 2,
      latest: latest.version,
      aliases: latest.aliases,
      size: latest.size,
      created: latest.createdAt,
    });

    const registry = await cli(['artifact', 'ls', 'wandb-registry-model', '--format', 'csv']);
    const [header, ...lines] = parseCsv(registry.stdout.trimEnd());
    const record = Object.fromEntries((header ?? []).map((key, i) => [key, lines[0]?.[i]]));
    expect(lines).toHaveLength(1);
    expect(record).toMatchObject({
      path: 'demo-org/wandb-registry-model/mnist-classifier',
      kind: 'portfolio',
      versions: '2',
      aliases: '["latest","production"]',
      tags: '["vision"]',
    });
  });

  it('a missing project or type: exit code 4 naming it', async () => {
    const project = await cli(['artifact', 'ls', 'demo/nope']);
    expect(project.code).toBe(4);
    expect(project.stderr).toMatch(/demo\/nope not found/);
    const type = await cli(['artifact', 'ls', 'demo/mnist', '--type', 'checkpoint']);
    expect(type.code).toBe(4);
    expect(type.stderr).toMatch(/artifact type 'checkpoint' in demo\/mnist/);
  });
});

describe('wbapi artifact versions', () => {
  it('lists the versions with their aliases, newest first, as the library does', async () => {
    const result = await cli(['artifact', 'versions', 'demo/mnist/mnist-cnn']);
    expect(result.code).toBe(0);
    const rows = result.stdout
      .trimEnd()
      .split('\n')
      .map((line) => line.split(/\s+/));
    expect(rows[0]).toEqual(['version', 'aliases', 'size', 'files', 'created']);
    expect(rows.slice(1).map((row) => row.slice(0, 2))).toEqual([
      ['v1', 'latest,best,production'],
      ['v0', 'baseline'],
    ]);

    const json = await cli([
      'artifact',
      'versions',
      'demo/mnist/mnist-cnn',
      '--type',
      'model',
      '--format',
      'jsonl',
    ]);
    const printed = json.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const record of printed) {
      const artifact = await resolveArtifact(
        api().context,
        `demo/mnist/mnist-cnn:${String(record['version'])}`,
      );
      expect(record).toMatchObject({
        aliases: artifact.aliases,
        size: artifact.size,
        digest: artifact.digest,
        metadata: artifact.metadata,
      });
    }
  });

  it('a registry collection shows where each version came from', async () => {
    const result = await cli(['artifact', 'versions', 'demo-org/wandb-registry-model/mnist-classifier']);
    expect(result.code).toBe(0);
    const rows = result.stdout.trimEnd().split('\n');
    expect(rows[0]?.split(/\s+/)).toEqual(['version', 'aliases', 'size', 'files', 'created', 'source']);
    expect(rows[1]).toMatch(/^v1\s+latest,production\s+.*\smnist-cnn:v1$/);
    expect(rows[2]).toMatch(/^v0\s+\d.*\smnist-cnn:v0$/);
  });

  it('bad paths: a version instead of a collection, an unknown collection', async () => {
    const version = await cli(['artifact', 'versions', 'demo/mnist/mnist-cnn:v1']);
    expect(version.code).toBe(2);
    expect(version.stderr).toContain('takes a collection: demo/mnist/mnist-cnn');
    const missing = await cli(['artifact', 'versions', 'demo/mnist/resnet']);
    expect(missing.code).toBe(4);
    expect(missing.stderr).toContain(
      'No artifact collection demo/mnist/resnet in demo/mnist (its artifact types: dataset, model)',
    );
  });
});
