// The Python-parity class surface of artifacts (`api.artifact()`, `api.artifactTypes()`, ...,
// `run.loggedArtifacts()`), against the real local server with its demo artifacts.
import { createHash } from 'node:crypto';
import { DEMO_API_KEY, startServer, type RunningServer } from '@wbapi/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, BadInputError, NotFoundError, artifactCalls, type Artifact } from '../src';

let server: RunningServer;
const seen: string[] = [];

beforeAll(async () => {
  server = await startServer({
    demo: { runsPerProject: 4, historyLength: 5, projectsPerEntity: 1 },
    onRequest: (request) => seen.push(`${request.method} ${request.path}`),
  });
  server.store.artifacts.add({
    entity: 'demo',
    project: 'mnist',
    type: 'eval',
    name: 'scores',
    metadata: '{"best": Infinity, "missing": NaN}',
    tags: ['nightly'],
    ttlSeconds: 3600,
    files: Array.from({ length: 5 }, (_, i) => ({
      path: `part-${i}.txt`,
      bytes: Buffer.from(`part ${i}\n`),
    })),
  });
});
afterAll(() => server.close());

function api(): Api {
  return new Api({ baseUrl: server.url, apiKey: DEMO_API_KEY, cache: false, artifacts: artifactCalls });
}

/** What a user reads off an artifact: every attribute the issue lists. */
function attributes(a: Artifact) {
  return {
    id: a.id,
    name: a.name,
    qualifiedName: a.qualifiedName,
    version: a.version,
    aliases: a.aliases,
    tags: a.tags,
    type: a.type,
    description: a.description,
    metadata: a.metadata,
    size: a.size,
    fileCount: a.fileCount,
    digest: a.digest,
    state: a.state,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
    ttlSeconds: a.ttlSeconds,
    sourceName: a.sourceName,
  };
}

describe('Api artifact methods', () => {
  it('api.artifact(path) resolves a version with every attribute, and checks the type', async () => {
    const model = await api().artifact('demo/mnist/mnist-cnn:production');
    expect(attributes(model)).toEqual({
      id: expect.stringMatching(/^[A-Za-z0-9+/]+=*$/),
      name: 'mnist-cnn:production',
      qualifiedName: 'demo/mnist/mnist-cnn:production',
      version: 'v1',
      aliases: ['latest', 'best', 'production'],
      tags: [],
      type: 'model',
      description: 'Convolutional classifier, round 2.',
      metadata: { accuracy: 0.9500000000000001, layers: 4, lr: 0.0005 },
      size: 37 + 32_768 + 1024,
      fileCount: 2,
      digest: expect.stringMatching(/^[0-9a-f]{32}$/),
      state: 'COMMITTED',
      createdAt: expect.stringMatching(/^2024-05-01T/),
      updatedAt: model.createdAt,
      ttlSeconds: null,
      sourceName: 'mnist-cnn:v1',
    });
    // The digest is the SDK's: MD5 over "<path>:<digest>\n" of the sorted manifest entries.
    const manifest = await model.manifest();
    const lines = [...manifest.entries.values()]
      .sort((a, b) => (a.path < b.path ? -1 : 1))
      .map((e) => `${e.path}:${e.digest}\n`);
    const digest = createHash('md5')
      .update(`wandb-artifact-manifest-v1\n${lines.join('')}`)
      .digest('hex');
    expect(model.digest).toBe(digest);
    const scores = await api().artifact('mnist/scores:latest', { type: 'eval' });
    expect([scores.tags, scores.ttlSeconds, scores.metadata.best]).toEqual([['nightly'], 3600, Infinity]);
    expect(Number.isNaN(scores.metadata.missing)).toBe(true);
    await expect(api().artifact('demo/mnist/mnist-cnn:v0', { type: 'dataset' })).rejects.toThrow(
      new BadInputError('type dataset specified but this artifact is of type model'),
    );
    await expect(api().artifact('demo/mnist/mnist-cnn:v5')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('api.artifact() takes registry paths, resolving the organization to its entity', async () => {
    const linked = await api().artifact('wandb-registry-model/mnist-classifier:production');
    expect([linked.qualifiedName, linked.isLink, linked.version, linked.aliases, linked.sourceName]).toEqual([
      'demo-org/wandb-registry-model/mnist-classifier:production',
      true,
      'v1',
      ['latest', 'production'],
      'mnist-cnn:v1',
    ]);
    const byOrg = await api().artifact('Demo Org/wandb-registry-model/mnist-classifier:v0');
    expect(byOrg.source).toEqual({
      entity: 'demo',
      project: 'mnist',
      collection: 'mnist-cnn',
      version: 'v0',
    });
  });

  it('api.artifactExists(path): true, false for a missing version or a bad path', async () => {
    const a = api();
    expect(await a.artifactExists('demo/mnist/mnist-dataset:v0')).toBe(true);
    expect(await a.artifactExists('wandb-registry-model/mnist-classifier:latest')).toBe(true);
    expect(await a.artifactExists('demo/mnist/mnist-dataset:v3')).toBe(false);
    expect(await a.artifactExists('a/b/c/d')).toBe(false);
  });

  it('api.artifactTypes, api.artifactCollections, api.artifactCollection, api.artifactVersions and collection.versions()', async () => {
    const a = api();
    const types = await a.artifactTypes('demo/mnist', { perPage: 1 }).toArray({ limit: Infinity });
    expect(types.map((t) => t.name)).toEqual(['dataset', 'model', 'eval']);
    const collections = a.artifactCollections('demo/mnist', 'model');
    const [cnn] = await collections.toArray({ limit: 5 });
    expect([cnn?.path, cnn?.type, cnn?.isSequence, String(cnn)]).toEqual([
      'demo/mnist/mnist-cnn',
      'model',
      true,
      '<ArtifactCollection demo/mnist/mnist-cnn (model)>',
    ]);
    expect(await collections.length()).toBe(1);
    const fromCollection = await cnn!.versions().toArray({ limit: 10 });
    const viaApi = a.artifactVersions('model', 'demo/mnist/mnist-cnn', { perPage: 1 });
    const pages: string[][] = [];
    for await (const page of viaApi.pages()) pages.push(page.map((v) => v.name));
    expect(pages).toEqual([['mnist-cnn:v1'], ['mnist-cnn:v0']]);
    expect(await viaApi.length()).toBe(2);
    expect(fromCollection.map((v) => [v.name, v.aliases])).toEqual([
      ['mnist-cnn:v1', ['latest', 'best', 'production']],
      ['mnist-cnn:v0', ['baseline']],
    ]);
    const registry = await a.artifactCollections('wandb-registry-model', 'model').toArray({ limit: 5 });
    expect(registry.map((c) => [c.path, c.isSequence, c.tags])).toEqual([
      ['demo-org/wandb-registry-model/mnist-classifier', false, ['vision']],
    ]);
    const linked = await a.artifactCollection('model', 'wandb-registry-model/mnist-classifier');
    expect((await linked.versions().toArray({ limit: 5 })).map((v) => [v.name, v.sourceName])).toEqual([
      ['mnist-classifier:v1', 'mnist-cnn:v1'],
      ['mnist-classifier:v0', 'mnist-cnn:v0'],
    ]);
    await expect(a.artifactCollection('model', 'demo/mnist/nope')).rejects.toBeInstanceOf(NotFoundError);
    await expect(a.artifactTypes('demo/nope').toArray({ limit: 1 })).rejects.toBeInstanceOf(NotFoundError);
    await expect(a.artifactVersions('model', 'demo/mnist/nope').toArray({ limit: 1 })).rejects.toThrow(
      "Could not find artifact collection 'nope' of type 'model' in demo/mnist",
    );
  });

  it('an Api made without the artifact functions says how to pass them, before any request', async () => {
    const bare = new Api({ baseUrl: server.url, apiKey: DEMO_API_KEY });
    const before = seen.length;
    const advice = new BadInputError(
      'No artifact functions in this Api: new Api({ artifacts: artifactCalls })',
    );
    await expect(bare.artifact('demo/mnist/mnist-cnn:v0')).rejects.toThrow(advice);
    await expect(bare.artifactExists('demo/mnist/mnist-cnn:v0')).rejects.toThrow(advice);
    expect(() => bare.artifactTypes('demo/mnist')).toThrow(advice);
    expect(seen.length).toBe(before);
    const run = await bare.run((await api().runs('demo/mnist').toArray({ limit: 1 }))[0]!.path.join('/'));
    expect(() => run.loggedArtifacts()).toThrow(advice);
  });

  it('a listing asks nothing until iterated, and an abort stops it', async () => {
    const a = api();
    const before = seen.length;
    const types = a.artifactTypes('demo/mnist');
    const versions = a.artifactVersions('model', 'demo/mnist/mnist-cnn');
    expect(seen.length).toBe(before);
    expect((await types.toArray({ limit: 1 })).length).toBe(1);
    expect((await versions.toArray({ limit: 1 })).length).toBe(1);
    const controller = new AbortController();
    controller.abort(new Error('stopped by test'));
    await expect(
      a.artifactCollections('demo/mnist', 'model', { signal: controller.signal }).toArray({ limit: 1 }),
    ).rejects.toThrow('stopped by test');
  });
});

describe('Artifact files, manifest and lineage through the classes', () => {
  it('artifact.files() pages like every collection, artifact.file(name) finds one, artifact.manifest() lists all', async () => {
    const scores = await api().artifact('demo/mnist/scores:v0');
    const files = scores.files({ perPage: 2 });
    const pages: string[][] = [];
    for await (const page of files.pages()) pages.push(page.map((f) => f.name));
    expect(pages).toEqual([['part-0.txt', 'part-1.txt'], ['part-2.txt', 'part-3.txt'], ['part-4.txt']]);
    expect(await files.length()).toBe(5);
    expect((await files.toArray({ limit: 3 })).map((f) => f.name)).toEqual([
      'part-0.txt',
      'part-1.txt',
      'part-2.txt',
    ]);
    const file = await scores.file('part-4.txt');
    expect([file.name, file.sizeBytes, String(file)]).toEqual([
      'part-4.txt',
      7,
      '<ArtifactFile part-4.txt (7 bytes)>',
    ]);
    expect(await new Response(await file.stream()).text()).toBe('part 4\n');
    await expect(scores.file('part-9.txt')).rejects.toBeInstanceOf(NotFoundError);
    const manifest = await scores.manifest();
    expect(manifest.entries.size).toBe(5);
    expect(manifest.entries.get('part-4.txt')).toMatchObject({ digest: file.md5, size: 7, ref: null });
  });

  it('artifact.loggedBy(), artifact.usedBy(), run.loggedArtifacts(), run.usedArtifacts()', async () => {
    const a = api();
    const dataset = await a.artifact('demo/mnist/mnist-dataset:latest');
    const creator = await dataset.loggedBy();
    expect(creator).toMatchObject({ entity: 'demo', project: 'mnist' });
    const users = await dataset.usedBy();
    expect(users.map((u) => u.path)).toHaveLength(3);
    const run = await a.run(creator!.path);
    const logged = run.loggedArtifacts();
    expect((await logged.toArray({ limit: 10 })).map((v) => v.qualifiedName)).toEqual([
      'demo/mnist/mnist-dataset:v0',
    ]);
    expect(await logged.length()).toBe(1);
    expect(await run.usedArtifacts().toArray({ limit: 10 })).toEqual([]);
    const evaluator = await a.run(users[2]!.path);
    const used = await evaluator.usedArtifacts({ perPage: 1 }).toArray({ limit: 10 });
    expect(used.map((v) => v.name).sort()).toEqual(['mnist-cnn:v1', 'mnist-dataset:v0']);
    // A user logged `scores`, not a run.
    expect(await (await a.artifact('demo/mnist/scores:v0')).loggedBy()).toBeNull();
  });

  it('artifact.download() without a platform that downloads whole artifacts is a clear BadInputError', async () => {
    const model = await api().artifact('demo/mnist/mnist-cnn:v0');
    await expect((model as unknown as { download(): Promise<unknown> }).download()).rejects.toThrow(
      new BadInputError(
        'The web platform does not download whole artifacts: download files one by one with artifact.file(name).download()',
      ),
    );
  });
});
