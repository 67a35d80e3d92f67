import { DEMO_API_KEY, startServer, type RunningServer } from '@wbapi/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Api, BadInputError, NotFoundError } from '../src';
import {
  artifactCollection,
  artifactCollections,
  artifactExists,
  artifactTypes,
  artifactVersions,
  fallbackUrl,
  resolveArtifact,
  runArtifacts,
  serverFeatures,
} from '../src';

let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ demo: { runsPerProject: 4, historyLength: 5, projectsPerEntity: 1 } });
  server.store.artifacts.add({
    entity: 'demo',
    project: 'mnist',
    type: 'eval',
    name: 'scores',
    metadata: '{"best": Infinity, "worst": -Infinity, "missing": NaN, "n": 3}',
    tags: ['nightly'],
    ttlSeconds: 86_400,
    files: Array.from({ length: 5 }, (_, i) => ({
      path: `part-${i}.txt`,
      bytes: Buffer.from(`part ${i}\n`),
    })),
  });
});
afterEach(() => server.faults.clear());
afterAll(() => server.close());

/** A fresh Api (its own feature probe) against the demo server, entity from the viewer. */
function api(): Api {
  return new Api({
    baseUrl: server.url,
    apiKey: DEMO_API_KEY,
    cache: false,
    retry: { baseDelayMs: 1, jitter: 0 },
  });
}

describe('resolving artifacts', () => {
  it('resolves entity/project/name:alias with every attribute', async () => {
    const model = await resolveArtifact(api().context, 'demo/mnist/mnist-cnn:latest');
    expect(model.name).toBe('mnist-cnn:latest');
    expect(model.qualifiedName).toBe('demo/mnist/mnist-cnn:latest');
    expect(model.version).toBe('v1');
    expect(model.aliases).toEqual(['latest', 'best', 'production']);
    expect(model.type).toBe('model');
    expect(model.description).toBe('Convolutional classifier, round 2.');
    expect(model.metadata).toEqual({ accuracy: 0.9500000000000001, layers: 4, lr: 0.0005 });
    expect(model.state).toBe('COMMITTED');
    expect(model.fileCount).toBe(2);
    expect(model.size).toBe(37 + 32_768 + 1024);
    expect(model.digest).toMatch(/^[0-9a-f]{32}$/);
    expect(model.sourceName).toBe('mnist-cnn:v1');
    expect(model.isLink).toBe(false);
    expect(model.ttlSeconds).toBeNull();
    expect(model.historyStep).toBe(199);
    expect(model.createdAt).toMatch(/^2024-05-01T/);
    expect(model.updatedAt).toBe(model.createdAt);
    expect(String(model)).toBe('<Artifact demo/mnist/mnist-cnn:latest>');
  });

  it('decodes metadata like config (NaN and Infinity kept), tags and TTL; a bare name is latest', async () => {
    const scores = await resolveArtifact(api().context, 'mnist/scores');
    expect(scores.metadata.best).toBe(Infinity);
    expect(scores.metadata.worst).toBe(-Infinity);
    expect(Number.isNaN(scores.metadata.missing)).toBe(true);
    expect(scores.tags).toEqual(['nightly']);
    expect(scores.ttlSeconds).toBe(86_400);
    expect(scores.version).toBe('v0');
    expect(scores.name).toBe('scores:v0');
  });

  it('throws NotFoundError with the SDK messages, and BadInputError for another type', async () => {
    const context = api().context;
    await expect(resolveArtifact(context, 'demo/mnist/mnist-cnn:v9')).rejects.toThrow(
      "artifact membership 'mnist-cnn:v9' not found in 'demo/mnist'",
    );
    await expect(resolveArtifact(context, 'demo/nope/mnist-cnn:v0')).rejects.toThrow(
      "project 'nope' not found under entity 'demo'",
    );
    await expect(resolveArtifact(context, 'demo/mnist/mnist-cnn:v0', { type: 'dataset' })).rejects.toThrow(
      new BadInputError('type dataset specified but this artifact is of type model'),
    );
    await expect(resolveArtifact(context, 'demo/mnist/nope:latest')).rejects.toBeInstanceOf(NotFoundError);
    expect(await artifactExists(context, 'demo/mnist/mnist-cnn:baseline')).toBe(true);
    expect(await artifactExists(context, 'demo/mnist/mnist-cnn:v7')).toBe(false);
    expect(await artifactExists(context, 'a/b/c/d')).toBe(false);
  });

  it('resolves registry paths through the org entity, with or without the organization', async () => {
    const context = api().context;
    const linked = await resolveArtifact(context, 'wandb-registry-model/mnist-classifier:production');
    expect(linked.entity).toBe('demo-org');
    expect(linked.qualifiedName).toBe('demo-org/wandb-registry-model/mnist-classifier:production');
    expect(linked.isLink).toBe(true);
    expect(linked.version).toBe('v1');
    expect(linked.aliases).toEqual(['latest', 'production']);
    expect(linked.sourceName).toBe('mnist-cnn:v1');
    const byOrg = await resolveArtifact(context, 'Demo Org/wandb-registry-model/mnist-classifier:v0');
    expect(byOrg.sourceName).toBe('mnist-cnn:v0');
    expect((await resolveArtifact(context, 'demo-org/wandb-registry-model/mnist-classifier:v0')).id).toBe(
      byOrg.id,
    );
    await expect(
      resolveArtifact(context, 'other-org/wandb-registry-model/mnist-classifier:v0'),
    ).rejects.toThrow('Organization "other-org" not found among the organizations of "demo": Demo Org');
  });

  it('probes features once, and falls back to the legacy queries on a server without them', async () => {
    const modern = api();
    expect(await serverFeatures(modern.context)).toContain('PROJECT_ARTIFACT_COLLECTION_MEMBERSHIP');
    const legacy = api();
    // What a server without serverInfo.features answers (the SDK treats it as "no features").
    server.faults.update({
      targets: ['graphql'],
      graphqlErrorMessage: 'Cannot query field "features" on type "ServerInfo".',
    });
    server.faults.failNext(1, 'graphql-error');
    expect((await serverFeatures(legacy.context)).size).toBe(0);
    server.faults.clear();
    const viaName = await resolveArtifact(legacy.context, 'demo/mnist/mnist-cnn:best');
    expect(viaName.version).toBe('v1');
    expect(viaName.aliases).toEqual(['latest', 'best', 'production']);
    const files = await viaName.files().toArray({ limit: 10 });
    expect(files.map((f) => f.name)).toEqual(['model.json', 'weights/model.bin']);
  });
});

describe('listings', () => {
  it('lists types, collections of a type, and versions (api and collection)', async () => {
    const context = api().context;
    const types = await artifactTypes(context, 'demo/mnist').toArray({ limit: 10 });
    expect(types.map((t) => t.name)).toEqual(['dataset', 'model', 'eval']);
    const collections = artifactCollections(context, 'demo/mnist', 'model', { perPage: 1 });
    const all = await collections.toArray({ limit: Infinity });
    expect(all.map((c) => [c.name, c.type, c.isSequence, c.path])).toEqual([
      ['mnist-cnn', 'model', true, 'demo/mnist/mnist-cnn'],
    ]);
    expect(await collections.length()).toBe(1);
    const versions = await all[0]!.versions().toArray({ limit: 10 });
    expect(versions.map((v) => [v.name, v.version, v.aliases])).toEqual([
      ['mnist-cnn:v1', 'v1', ['latest', 'best', 'production']],
      ['mnist-cnn:v0', 'v0', ['baseline']],
    ]);
    const viaApi = artifactVersions(context, 'model', 'demo/mnist/mnist-cnn', { perPage: 1 });
    expect((await viaApi.toArray({ limit: 10 })).map((v) => v.name)).toEqual([
      'mnist-cnn:v1',
      'mnist-cnn:v0',
    ]);
    expect(await viaApi.length()).toBe(2);
    const registry = await artifactCollections(context, 'wandb-registry-model', 'model').toArray({
      limit: 5,
    });
    expect(registry.map((c) => [c.path, c.isSequence, c.tags])).toEqual([
      ['demo-org/wandb-registry-model/mnist-classifier', false, ['vision']],
    ]);
    const one = await artifactCollection(context, 'model', 'wandb-registry-model/mnist-classifier');
    expect((await one.versions().toArray({ limit: 5 })).map((v) => v.sourceName)).toEqual([
      'mnist-cnn:v1',
      'mnist-cnn:v0',
    ]);
    await expect(artifactTypes(context, 'demo/nope').toArray({ limit: 1 })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(artifactCollections(context, 'demo/mnist', 'nope').toArray({ limit: 1 })).rejects.toThrow(
      "Could not find artifact type 'nope' in demo/mnist",
    );
  });
});

describe('files, manifest and lineage', () => {
  it('pages through files, finds one by name, and reads the manifest', async () => {
    const scores = await resolveArtifact(api().context, 'demo/mnist/scores:v0');
    const files = scores.files({ perPage: 2 });
    const pages: string[][] = [];
    for await (const page of files.pages()) pages.push(page.map((f) => f.name));
    expect(pages).toEqual([['part-0.txt', 'part-1.txt'], ['part-2.txt', 'part-3.txt'], ['part-4.txt']]);
    expect(await files.length()).toBe(5);
    const one = await scores.file('part-3.txt');
    expect([one.name, one.sizeBytes, one.md5 === one.digest]).toEqual(['part-3.txt', 7, true]);
    expect(await new Response((await one.open()).body).text()).toBe('part 3\n');
    await expect(scores.file('nope.txt')).rejects.toBeInstanceOf(NotFoundError);
    const manifest = await scores.manifest();
    expect([...manifest.entries.keys()]).toEqual([
      'part-0.txt',
      'part-1.txt',
      'part-2.txt',
      'part-3.txt',
      'part-4.txt',
    ]);
    expect(manifest.entries.get('part-3.txt')?.digest).toBe(one.md5);
  });

  it('refreshes an expired file URL when opening, and ranges to an end byte', async () => {
    const scores = await resolveArtifact(api().context, 'demo/mnist/scores:v0');
    server.store.artifacts.urls.expireNext(1);
    const file = await scores.file('part-2.txt');
    const expired = file.directUrl;
    expect((await fetch(expired)).status).toBe(403);
    const opened = await file.open({ offset: 1, end: 3 });
    expect(await new Response(opened.body).text()).toBe('art');
    expect(file.directUrl).not.toBe(expired);
  });

  it("answers lineage: loggedBy, usedBy, a run's logged and used versions", async () => {
    const context = api().context;
    const dataset = await resolveArtifact(context, 'demo/mnist/mnist-dataset:v0');
    const creator = await dataset.loggedBy();
    expect(creator).toMatchObject({ entity: 'demo', project: 'mnist' });
    const users = await dataset.usedBy();
    expect(users).toHaveLength(3);
    expect(users.every((u) => u.path === `demo/mnist/${u.id}`)).toBe(true);
    const logged = runArtifacts(context, creator!, 'logged');
    expect((await logged.toArray({ limit: 10 })).map((a) => a.name)).toEqual(['mnist-dataset:v0']);
    expect(await logged.length()).toBe(1);
    const used = await runArtifacts(context, users[2]!, 'used').toArray({ limit: 10 });
    expect(used.map((a) => a.name).sort()).toEqual(['mnist-cnn:v1', 'mnist-dataset:v0']);
    expect(await (await resolveArtifact(context, 'demo/mnist/scores:v0')).loggedBy()).toBeNull();
  });

  it('builds the fallback URL the server routes, and opens it once a direct URL fails for good', async () => {
    const context = api().context;
    const dataset = await resolveArtifact(context, 'demo/mnist/mnist-dataset:v0');
    const manifest = await dataset.manifest();
    const entry = manifest.entries.get('README.md')!;
    const hex = Buffer.from(entry.digest, 'base64').toString('hex');
    const id = encodeURIComponent(dataset.id);
    expect(await fallbackUrl(dataset, manifest, entry)).toBe(
      `${server.url}/artifactsV2/default/demo/mnist/mnist-dataset/${id}/${id}/${hex}/README.md`,
    );
    expect(await fallbackUrl(dataset, { ...manifest, storageLayout: 'V1' }, entry)).toBe(
      `${server.url}/artifacts/demo/${hex}`,
    );
    expect(await fallbackUrl(dataset, manifest, { ...entry, ref: 's3://b/k' })).toBeNull();
    const file = await dataset.file('README.md');
    server.faults.update({ targets: ['files'] });
    server.faults.failNext(1, 404);
    const opened = await file.open({ fallback: () => fallbackUrl(dataset, manifest, entry) });
    expect(await new Response(opened.body).text()).toContain('MNIST');
    expect(server.faults.stats.injected).toBeGreaterThan(0);
    server.faults.failNext(1, 404);
    await expect(file.open()).rejects.toBeInstanceOf(NotFoundError);
  });
});
