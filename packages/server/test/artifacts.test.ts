import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactDigest, DEMO_API_KEY, startServer, type RunningServer } from '../src/index';
import { addDemoArtifacts } from '../src/demo/artifacts';
import { basic, gql as rawGql } from './helpers';
import {
  A1,
  A2,
  A3,
  C1,
  C4,
  F1,
  F2,
  FEATURES,
  L1,
  L2,
  L3,
  L4,
  M1,
  R1,
  R2,
  T1,
  U1,
  U2,
  V1,
} from './fixtures/artifact-documents';

let server: RunningServer;
const LARGE = 1_500_000; // above the inline limit: streamed from disk

beforeAll(async () => {
  server = await startServer({
    demo: { runsPerProject: 4, historyLength: 5, projectsPerEntity: 1, largeArtifactBytes: LARGE },
  });
});
afterAll(() => server.close());

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function gql(query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const res = await rawGql(server, query, variables, { key: DEMO_API_KEY });
  expect(res.body.errors).toBeUndefined();
  expect(res.status).toBe(200);
  return res.body.data;
}

const DEMO = { entity: 'demo', project: 'mnist' };
const md5 = (bytes: Uint8Array): string => createHash('md5').update(bytes).digest('base64');

interface FileNode {
  name: string;
  directUrl: string;
  url: string;
  sizeBytes: number;
  md5: string | null;
  digest: string;
}

async function membershipFiles(
  vars: Record<string, unknown>,
): Promise<{ totalCount: number; nodes: FileNode[] }> {
  const data = await gql(F1, vars);
  const files = data.project.artifactCollection.artifactMembership.files;
  return { totalCount: files.totalCount, nodes: files.edges.map((e: { node: FileNode }) => e.node) };
}

describe('resolving names (A1, A2, A3)', () => {
  it('resolves coll:latest through the membership with vN, latest and user aliases', async () => {
    const data = await gql(A1, { ...DEMO, name: 'mnist-cnn:latest' });
    const m = data.project.artifactCollectionMembership;
    expect(m.__typename).toBe('ArtifactCollectionMembership');
    expect(m.versionIndex).toBe(1);
    expect(m.aliases.map((a: { alias: string }) => a.alias)).toEqual(['v1', 'latest', 'best', 'production']);
    expect(m.aliases[0].__typename).toBe('ArtifactAlias');
    expect(m.artifactCollection).toEqual({
      __typename: 'ArtifactSequence',
      name: 'mnist-cnn',
      project: { name: 'mnist', entity: { name: 'demo' } },
    });
    const a = m.artifact;
    expect(a.__typename).toBe('Artifact');
    expect(Buffer.from(a.id, 'base64').toString()).toMatch(/^Artifact:\d+$/);
    expect(a.artifactType).toEqual({ name: 'model' });
    expect(a.state).toBe('COMMITTED');
    expect(a.ttlDurationSeconds).toBe(-2);
    expect(a.ttlIsInherited).toBe(false);
    expect(JSON.parse(a.metadata)).toMatchObject({ layers: 4 });
    expect(a.historyStep).toBe(200);
    expect('aliases' in a).toBe(false); // $includeAliases defaults to false in A1
  });

  it('resolves vN and user aliases, and answers null for unknown names and projects', async () => {
    const v0 = await gql(A1, { ...DEMO, name: 'mnist-cnn:v0' });
    const baseline = await gql(A1, { ...DEMO, name: 'mnist-cnn:baseline' });
    expect(baseline.project.artifactCollectionMembership.id).toBe(v0.project.artifactCollectionMembership.id);
    expect(
      (await gql(A1, { ...DEMO, name: 'mnist-cnn:v9' })).project.artifactCollectionMembership,
    ).toBeNull();
    expect((await gql(A1, { ...DEMO, name: 'nope:latest' })).project.artifactCollectionMembership).toBeNull();
    expect((await gql(A1, { entity: 'demo', project: 'nope', name: 'mnist-cnn:v0' })).project).toBeNull();
    // A bare name means latest.
    const bare = await gql(A1, { ...DEMO, name: 'mnist-cnn' });
    expect(bare.project.artifactCollectionMembership.versionIndex).toBe(1);
  });

  it('answers the legacy A2 with the aliases of every collection, and A3 by id', async () => {
    const data = await gql(A2, { ...DEMO, name: 'mnist-cnn:best', enableTracking: true });
    const a = data.project.artifact;
    const aliases = a.aliases.map(
      (x: { alias: string; artifactCollection: { __typename: string; name: string } }) => [
        x.artifactCollection.__typename,
        x.artifactCollection.name,
        x.alias,
      ],
    );
    expect(aliases).toEqual([
      ['ArtifactSequence', 'mnist-cnn', 'v1'],
      ['ArtifactSequence', 'mnist-cnn', 'latest'],
      ['ArtifactSequence', 'mnist-cnn', 'best'],
      ['ArtifactSequence', 'mnist-cnn', 'production'],
      ['ArtifactPortfolio', 'mnist-classifier', 'v1'],
      ['ArtifactPortfolio', 'mnist-classifier', 'latest'],
      ['ArtifactPortfolio', 'mnist-classifier', 'production'],
    ]);
    const byId = await gql(A3, { id: a.id });
    expect(byId.artifact.digest).toBe(a.digest);
    expect((await gql(A3, { id: Buffer.from('Artifact:999').toString('base64') })).artifact).toBeNull();
    expect((await gql(A3, { id: 'not-an-id' })).artifact).toBeNull();
  });
});

describe('manifest, digest and files', () => {
  it('serves the manifest without credentials; digest, size and fileCount agree with it (§1.3)', async () => {
    const a = (await gql(A1, { ...DEMO, name: 'mnist-dataset:v0' })).project.artifactCollectionMembership
      .artifact;
    const url = (await gql(M1, { id: a.id })).artifact.currentManifest.file.directUrl;
    const res = await fetch(url);
    expect(res.status).toBe(200);
    const manifest = (await res.json()) as {
      version: number;
      storagePolicy: string;
      storagePolicyConfig: { storageLayout: string; storageRegion: string };
      contents: Record<string, { digest: string; size: number; birthArtifactID: string }>;
    };
    expect(manifest.version).toBe(1);
    expect(manifest.storagePolicy).toBe('wandb-storage-policy-v1');
    expect(manifest.storagePolicyConfig).toEqual({ storageLayout: 'V2', storageRegion: 'default' });
    const entries = Object.entries(manifest.contents);
    expect(entries.map(([p]) => p).sort()).toEqual([
      'README.md',
      'test/labels.csv',
      'train/images.bin',
      'train/labels.csv',
    ]);
    expect(a.digest).toBe(artifactDigest(entries.map(([path, e]) => ({ path, digest: e.digest }))));
    expect(a.size).toBe(entries.reduce((n, [, e]) => n + e.size, 0));
    expect(a.fileCount).toBe(4);
    expect(entries.every(([, e]) => e.birthArtifactID === a.id)).toBe(true);
  });

  it('lists every entry with totalCount, pages by cursor, and filters by names (F1, F2)', async () => {
    const vars = { ...DEMO, collection: 'mnist-dataset', alias: 'v0' };
    const page1 = await gql(F1, { ...vars, perPage: 3 });
    const files1 = page1.project.artifactCollection.artifactMembership.files;
    expect(page1.project.artifactCollection.__typename).toBe('ArtifactSequence');
    expect(files1.totalCount).toBe(4);
    expect(files1.pageInfo.hasNextPage).toBe(true);
    const page2 = await gql(F1, { ...vars, perPage: 3, cursor: files1.pageInfo.endCursor });
    const files2 = page2.project.artifactCollection.artifactMembership.files;
    expect(files2.pageInfo.hasNextPage).toBe(false);
    const names = [...files1.edges, ...files2.edges].map((e: { node: FileNode }) => e.node.name);
    expect(names).toEqual(['README.md', 'test/labels.csv', 'train/images.bin', 'train/labels.csv']);
    const one = await membershipFiles({ ...vars, fileNames: ['train/labels.csv'] });
    expect(one.totalCount).toBe(1);
    expect(one.nodes[0]).toMatchObject({ __typename: 'File', name: 'train/labels.csv' });
    const legacy = await gql(F2, { ...DEMO, type: 'dataset', name: 'mnist-dataset:v0', perPage: 10 });
    expect(legacy.project.artifactType.artifact.files.totalCount).toBe(4);
  });

  it('serves directUrls without credentials: bytes match the md5, HEAD, Range → 206 from disk', async () => {
    const { nodes } = await membershipFiles({
      ...DEMO,
      collection: 'mnist-dataset',
      alias: 'latest',
      perPage: 10,
    });
    for (const node of nodes) {
      const res = await fetch(node.directUrl);
      expect(res.status).toBe(200);
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect(bytes.length).toBe(node.sizeBytes);
      expect(md5(bytes)).toBe(node.md5);
      expect(node.digest).toBe(node.md5);
    }
    const large = nodes.find((n) => n.name === 'train/images.bin') as FileNode;
    expect(large.sizeBytes).toBe(LARGE);
    const head = await fetch(large.directUrl, { method: 'HEAD' });
    expect(head.headers.get('content-length')).toBe(String(LARGE));
    expect((await head.arrayBuffer()).byteLength).toBe(0);
    const part = await fetch(large.directUrl, { headers: { Range: 'bytes=1000000-1000009' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 1000000-1000009/${LARGE}`);
    const whole = new Uint8Array(await (await fetch(large.directUrl)).arrayBuffer());
    expect(Buffer.from(await part.arrayBuffer())).toEqual(Buffer.from(whole.subarray(1000000, 1000010)));
  });

  it('refuses tampered and expired URLs with 403; expireNext hands out expired URLs', async () => {
    const vars = { ...DEMO, collection: 'mnist-dataset', alias: 'v0', fileNames: ['README.md'] };
    const [node] = (await membershipFiles(vars)).nodes as [FileNode];
    const tampered = node.directUrl.replace(
      /signature=([0-9a-f])/,
      (_m, c: string) => `signature=${c === '0' ? '1' : '0'}`,
    );
    const refused = await fetch(tampered);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { errors: { message: string }[] }).errors[0]?.message).toBe(
      'Signature does not match',
    );
    server.store.artifacts.urls.expireNext(1);
    const [expired] = (await membershipFiles(vars)).nodes as [FileNode];
    const res = await fetch(expired.directUrl);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { errors: { message: string }[] }).errors[0]?.message).toBe(
      'Request has expired',
    );
    const [fresh] = (await membershipFiles(vars)).nodes as [FileNode];
    expect((await fetch(fresh.directUrl)).status).toBe(200);
    const ttl = server.store.artifacts.urls.ttlSeconds;
    server.store.artifacts.urls.ttlSeconds = -1;
    try {
      const [short] = (await membershipFiles(vars)).nodes as [FileNode];
      expect((await fetch(short.directUrl)).status).toBe(403);
    } finally {
      server.store.artifacts.urls.ttlSeconds = ttl;
    }
  });

  it('serves the V1 and V2 fallback routes behind Basic auth (§5.3)', async () => {
    const a = (await gql(A1, { ...DEMO, name: 'mnist-dataset:v0' })).project.artifactCollectionMembership
      .artifact;
    const [node] = (
      await membershipFiles({ ...DEMO, collection: 'mnist-dataset', alias: 'v0', fileNames: ['README.md'] })
    ).nodes as [FileNode];
    const hex = Buffer.from(node.md5 as string, 'base64').toString('hex');
    const urls = [
      node.url,
      `${server.url}/artifacts/demo/${hex}`,
      `${server.url}/artifactsV2/default/demo/mnist/mnist-dataset/${encodeURIComponent(a.id)}/${encodeURIComponent(a.id)}/${hex}/README.md`,
      `${server.url}/artifactsV2/default/demo/mnist/mnist-dataset/${encodeURIComponent(a.id)}/${hex}/README.md`,
      `${server.url}/artifactsV2/default/demo/${encodeURIComponent(a.id)}/${hex}`,
    ];
    for (const url of urls) {
      expect((await fetch(url)).status).toBe(401);
      const res = await fetch(url, { headers: { Authorization: basic(DEMO_API_KEY) } });
      expect(res.status).toBe(200);
      expect(md5(new Uint8Array(await res.arrayBuffer()))).toBe(node.md5);
    }
    expect(
      (
        await fetch(`${server.url}/artifacts/demo/${'0'.repeat(32)}`, {
          headers: { Authorization: basic(DEMO_API_KEY) },
        })
      ).status,
    ).toBe(404);
  });

  it('lists download URLs page by page (U1) and by artifact id (U2)', async () => {
    const u1 = await gql(U1, { ...DEMO, collection: 'mnist-cnn', alias: 'v0', perPage: 5000 });
    const edges = u1.project.artifactCollection.artifactMembership.files.edges;
    expect(
      edges.map((e: { node: { __typename: string; name: string } }) => [e.node.__typename, e.node.name]),
    ).toEqual([
      ['File', 'model.json'],
      ['File', 'weights/model.bin'],
    ]);
    const id = (await gql(A1, { ...DEMO, name: 'mnist-cnn:v0' })).project.artifactCollectionMembership
      .artifact.id;
    const u2 = await gql(U2, { id, perPage: 1 });
    expect(u2.artifact.files.edges).toHaveLength(1);
    expect(u2.artifact.files.pageInfo.hasNextPage).toBe(true);
  });

  it('applies fault injection to artifact file URLs', async () => {
    const [node] = (
      await membershipFiles({ ...DEMO, collection: 'mnist-cnn', alias: 'v0', fileNames: ['model.json'] })
    ).nodes as [FileNode];
    server.faults.update({ targets: ['files'] });
    server.faults.failNext(1, 503);
    try {
      expect((await fetch(node.directUrl)).status).toBe(503);
      expect((await fetch(node.directUrl)).status).toBe(200);
    } finally {
      server.faults.clear();
    }
  });
});

describe('types, collections, versions', () => {
  it('lists types (T1), collections of a type (C1), aliases (C4) and versions with edges.version (V1)', async () => {
    const types = await gql(T1, { ...DEMO, perPage: 50 });
    expect(
      types.project.artifactTypes.edges.map(
        (e: { node: { __typename: string; name: string } }) => e.node.name,
      ),
    ).toEqual(['dataset', 'model']);
    expect(types.project.artifactTypes.edges[0].node.__typename).toBe('ArtifactType');
    const colls = await gql(C1, { ...DEMO, type: 'model', perPage: 50 });
    const conn = colls.project.artifactType.artifactCollections;
    expect(conn.totalCount).toBe(1);
    expect(conn.edges[0].node).toMatchObject({
      __typename: 'ArtifactSequence',
      name: 'mnist-cnn',
      type: { name: 'model' },
    });
    const aliases = await gql(C4, { id: conn.edges[0].node.id });
    expect(
      aliases.artifactCollection.aliases.edges.map((e: { node: { alias: string } }) => e.node.alias),
    ).toEqual(['v0', 'baseline', 'v1', 'latest', 'best', 'production']);
    const versions = await gql(V1, {
      ...DEMO,
      type: 'model',
      collection: 'mnist-cnn',
      filters: JSON.stringify({ state: 'COMMITTED' }),
    });
    const artifacts = versions.project.artifactType.artifactCollection.artifacts;
    expect(artifacts.totalCount).toBe(2);
    expect(artifacts.edges.map((e: { version: string }) => e.version)).toEqual(['v1', 'v0']);
  });

  it('moves latest to the newest committed version; a pending one is not latest', async () => {
    const files = [{ path: 'x.txt', bytes: Buffer.from('x') }];
    server.store.artifacts.add({ ...DEMO, type: 'model', name: 'moving', files });
    server.store.artifacts.add({
      ...DEMO,
      type: 'model',
      name: 'moving',
      files: [{ path: 'x.txt', bytes: Buffer.from('y') }],
    });
    server.store.artifacts.add({ ...DEMO, type: 'model', name: 'moving', files, state: 'PENDING' });
    const latest = await gql(A1, { ...DEMO, name: 'moving:latest' });
    expect(latest.project.artifactCollectionMembership.versionIndex).toBe(1);
    const v2 = await gql(A1, { ...DEMO, name: 'moving:v2' });
    expect(v2.project.artifactCollectionMembership.artifact.state).toBe('PENDING');
  });
});

describe('lineage', () => {
  it('answers outputArtifacts and inputArtifacts of runs (L1), usedBy (L2) and createdBy (L3)', async () => {
    const id = (await gql(A1, { ...DEMO, name: 'mnist-dataset:v0' })).project.artifactCollectionMembership
      .artifact.id;
    const creator = (await gql(L3, { id })).artifact.createdBy;
    expect(creator.__typename).toBe('Run');
    expect(creator.project).toEqual({ name: 'mnist', entity: { name: 'demo' } });
    const logged = await gql(L1('outputArtifacts'), { ...DEMO, run: creator.name, perPage: 100 });
    expect(logged.project.run.artifacts.totalCount).toBe(1);
    expect(logged.project.run.artifacts.edges[0].node.id).toBe(id);
    const users = (await gql(L2, { id })).artifact.usedBy.edges.map(
      (e: { node: { __typename: string; name: string } }) => e.node,
    );
    expect(users).toHaveLength(3);
    expect(users.every((u: { __typename: string }) => u.__typename === 'Run')).toBe(true);
    const used = await gql(L1('inputArtifacts'), { ...DEMO, run: users[0].name });
    expect(used.project.run.artifacts.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(id);
  });
});

describe('registry', () => {
  it('resolves the org of a personal entity (R1), the org entity (R2), and registry versions (A1, L4)', async () => {
    const org = await gql(R1, { entity: 'demo' });
    expect(org.entity).toEqual({
      organization: null,
      user: { organizations: [{ name: 'Demo Org', orgEntity: { name: 'demo-org' } }] },
    });
    expect((await gql(R1, { entity: 'demo-org' })).entity.organization).toEqual({
      name: 'Demo Org',
      orgEntity: { name: 'demo-org' },
    });
    expect((await gql(R1, { entity: 'nobody' })).entity).toBeNull();
    expect((await gql(R2, { organization: 'Demo Org' })).organization.orgEntity.name).toBe('demo-org');
    const linked = await gql(A1, {
      entity: 'demo-org',
      project: 'wandb-registry-model',
      name: 'mnist-classifier:production',
    });
    const m = linked.project.artifactCollectionMembership;
    expect(m.versionIndex).toBe(1);
    expect(m.artifactCollection.__typename).toBe('ArtifactPortfolio');
    expect(m.aliases.map((a: { alias: string }) => a.alias)).toEqual(['v1', 'latest', 'production']);
    expect(m.artifact.artifactSequence).toMatchObject({ __typename: 'ArtifactSequence', name: 'mnist-cnn' });
    expect(m.artifact.versionIndex).toBe(1);
    const links = await gql(L4, { artifactID: m.artifact.id });
    expect(
      links.artifact.artifactMemberships.edges.map(
        (e: { node: { versionIndex: number; artifactCollection: { __typename: string } } }) => [
          e.node.artifactCollection.__typename,
          e.node.versionIndex,
        ],
      ),
    ).toEqual([
      ['ArtifactSequence', 1],
      ['ArtifactPortfolio', 1],
    ]);
  });
});

describe('references and corrupted bytes', () => {
  it('lists references with url == directUrl == the URI and counts them in size and fileCount', async () => {
    const added = server.store.artifacts.add({
      ...DEMO,
      type: 'dataset',
      name: 'with-refs',
      files: [
        { path: 'local.txt', bytes: Buffer.from('local') },
        {
          path: 'remote.bin',
          ref: 's3://bucket/key',
          digest: 'etag123',
          size: 1024,
          extra: { etag: 'etag123' },
        },
      ],
    });
    const a = (await gql(A3, { id: Buffer.from(`Artifact:${added.id}`).toString('base64') })).artifact;
    expect(a.size).toBe(1029);
    expect(a.fileCount).toBe(2);
    const { nodes } = await membershipFiles({ ...DEMO, collection: 'with-refs', alias: 'v0' });
    const ref = nodes.find((n) => n.name === 'remote.bin') as FileNode;
    expect(ref).toMatchObject({
      url: 's3://bucket/key',
      directUrl: 's3://bucket/key',
      sizeBytes: 1024,
      md5: null,
      digest: 'etag123',
    });
    const manifest = (await (
      await fetch((await gql(M1, { id: a.id })).artifact.currentManifest.file.directUrl)
    ).json()) as {
      contents: Record<string, unknown>;
    };
    expect(manifest.contents['remote.bin']).toEqual({
      digest: 'etag123',
      size: 1024,
      ref: 's3://bucket/key',
      extra: { etag: 'etag123' },
    });
  });

  it('corruptBlob makes the server serve bytes that no longer match their digest', async () => {
    server.store.artifacts.add({
      ...DEMO,
      type: 'dataset',
      name: 'to-corrupt',
      files: [{ path: 'c.txt', bytes: Buffer.from('clean bytes') }],
    });
    const [node] = (await membershipFiles({ ...DEMO, collection: 'to-corrupt', alias: 'v0' })).nodes as [
      FileNode,
    ];
    server.store.artifacts.corruptBlob(node.md5 as string, 3);
    const bytes = new Uint8Array(await (await fetch(node.directUrl)).arrayBuffer());
    expect(bytes.length).toBe(11);
    expect(md5(bytes)).not.toBe(node.md5);
  });

  it('rejects invalid names and aliases when writing', () => {
    const files = [{ path: 'a', bytes: Buffer.from('a') }];
    expect(() => server.store.artifacts.add({ ...DEMO, type: 'model', name: 'a/b', files })).toThrow(
      /Invalid collection name/,
    );
    expect(() =>
      server.store.artifacts.add({ ...DEMO, type: 'model', name: 'ok', files, aliases: ['latest'] }),
    ).toThrow(/Invalid user alias/);
    expect(() =>
      server.store.artifacts.add({ ...DEMO, type: 'model', name: 'ok', files, loggedBy: 'norun' }),
    ).toThrow(/No run norun/);
  });
});

it('advertises the artifact features (§2)', async () => {
  const data = await gql(FEATURES);
  const names = data.serverInfo.features
    .filter((f: { isEnabled: boolean }) => f.isEnabled)
    .map((f: { name: string }) => f.name);
  expect(names).toEqual(
    expect.arrayContaining([
      'PROJECT_ARTIFACT_COLLECTION_MEMBERSHIP',
      'ARTIFACT_COLLECTION_MEMBERSHIP_FILES',
      'TOTAL_COUNT_IN_FILE_CONNECTION',
      'ARTIFACT_V2_DOWNLOAD_HANDLER_SUPPORTS_ARTIFACT_ID',
    ]),
  );
});

it('adds the demo artifacts once, however often the demo is loaded', async () => {
  addDemoArtifacts(server.store, {});
  const versions = await gql(V1, { ...DEMO, type: 'model', collection: 'mnist-cnn' });
  expect(versions.project.artifactType.artifactCollection.artifacts.totalCount).toBe(2);
});

it("lists a project's collections of every type, newest first, by collection type (C2)", async () => {
  const C2 = `query ProjectArtifactCollections($entity: String!, $project: String!, $types: [ArtifactCollectionType!]) {
    project(entityName: $entity, name: $project) { artifactCollections(collectionTypes: $types) {
      totalCount edges { node { __typename name } } } } }`;
  const all = await gql(C2, DEMO);
  const names = all.project.artifactCollections.edges.map((e: { node: { name: string } }) => e.node.name);
  expect(names.slice(-2)).toEqual(['mnist-cnn', 'mnist-dataset']);
  expect(all.project.artifactCollections.totalCount).toBe(names.length);
  const registry = { entity: 'demo-org', project: 'wandb-registry-model' };
  const portfolios = await gql(C2, { ...registry, types: ['PORTFOLIO'] });
  expect(portfolios.project.artifactCollections.edges).toEqual([
    { node: { __typename: 'ArtifactPortfolio', name: 'mnist-classifier' } },
  ]);
  expect((await gql(C2, { ...registry, types: ['SEQUENCE'] })).project.artifactCollections.totalCount).toBe(
    0,
  );
});
