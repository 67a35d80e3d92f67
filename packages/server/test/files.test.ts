import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/index';
import { basic, gql, KEY, startTestServer, testRun } from './helpers';

let server: RunningServer;
const LARGE = 3 * 1024 * 1024 + 7;

function largeChunks(): Iterable<Uint8Array> {
  const chunk = Buffer.alloc(1024 * 1024, 7);
  return [chunk, chunk, chunk, Buffer.from('tail123')];
}

beforeAll(async () => {
  server = await startTestServer();
  const run = server.store.addRun(testRun(20, { name: 'withfiles', files: [] }));
  server.store.addFile(run.id, {
    name: 'big.bin',
    mimetype: 'application/octet-stream',
    bytes: largeChunks,
    updatedAt: '2024-01-01T00:00:00',
  });
  server.store.addFile(run.id, {
    name: 'dir/with space.txt',
    mimetype: 'text/plain',
    bytes: Buffer.from('spaced'),
    updatedAt: '2024-01-01T00:00:00',
  });
});
afterAll(() => server.close());

const FILES = `query RunFiles($name: String!, $fileCursor: String, $fileLimit: Int = 50, $fileNames: [String] = [], $pattern: String, $upload: Boolean = false) {
  project(name: "p", entityName: "e") { internalId run(name: $name) { fileCount
    files(names: $fileNames, after: $fileCursor, first: $fileLimit, pattern: $pattern) {
      edges { node { id name url(upload: $upload) directUrl sizeBytes mimetype updatedAt md5 } cursor } pageInfo { endCursor hasNextPage } } } } }`;

type FileNode = {
  name: string;
  url: string;
  directUrl: string;
  sizeBytes: number;
  md5: string;
  mimetype: string;
};

async function files(
  variables: Record<string, unknown>,
): Promise<{ fileCount: number; nodes: FileNode[]; pageInfo: { hasNextPage: boolean; endCursor: string } }> {
  const res = await gql(server, FILES, variables);
  expect(res.body.errors).toBeUndefined();
  const run = res.body.data.project.run;
  return {
    fileCount: run.fileCount,
    nodes: run.files.edges.map((e: { node: FileNode }) => e.node),
    pageInfo: run.files.pageInfo,
  };
}

describe('files metadata', () => {
  it('lists all files with url, size, base64 md5, and fileCount of the whole run', async () => {
    const { fileCount, nodes } = await files({ name: 'run00000', fileNames: [], fileCursor: null });
    expect(fileCount).toBe(2);
    expect(nodes.map((n) => n.name)).toEqual(['x.txt', 'media/a.json']);
    const x = nodes[0] as FileNode;
    expect(x.url).toBe(`${server.url}/files/e/p/run00000/x.txt`);
    expect(x.directUrl).toBe(x.url);
    expect(x.sizeBytes).toBe(12);
    expect(x.md5).toBe(createHash('md5').update('hello world\n').digest('base64'));
    expect(x.mimetype).toBe('text/plain');
  });

  it('filters by exact names and by LIKE pattern; fileCount ignores the filter', async () => {
    const byName = await files({ name: 'run00000', fileNames: ['media/a.json', 'missing'] });
    expect(byName.nodes.map((n) => n.name)).toEqual(['media/a.json']);
    expect(byName.fileCount).toBe(2);
    const byPattern = await files({ name: 'run00000', pattern: '%.txt' });
    expect(byPattern.nodes.map((n) => n.name)).toEqual(['x.txt']);
  });

  it('pages files', async () => {
    const page1 = await files({ name: 'run00000', fileLimit: 1 });
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = await files({ name: 'run00000', fileLimit: 1, fileCursor: page1.pageInfo.endCursor });
    expect(page2.nodes.map((n) => n.name)).toEqual(['media/a.json']);
    expect(page2.pageInfo.hasNextPage).toBe(false);
  });
});

describe('file bytes', () => {
  const auth = { Authorization: basic(KEY) };

  it('serves bytes behind the API key, with Content-Length and the md5', async () => {
    const url = `${server.url}/files/e/p/run00000/x.txt`;
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { Authorization: basic('z'.repeat(40)) } })).status).toBe(401);
    const res = await fetch(url, { headers: auth });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe('12');
    expect(res.headers.get('content-md5')).toBe(createHash('md5').update('hello world\n').digest('base64'));
    expect(await res.text()).toBe('hello world\n');
  });

  it('serves names with slashes and spaces at their URL-encoded url', async () => {
    const { nodes } = await files({ name: 'withfiles', fileNames: ['dir/with space.txt'] });
    expect(nodes[0]?.url).toBe(`${server.url}/files/e/p/withfiles/dir/with%20space.txt`);
    const res = await fetch(nodes[0]!.url, { headers: auth });
    expect(await res.text()).toBe('spaced');
  });

  it('answers Range requests with 206 and Content-Range, and 416 when out of range', async () => {
    const url = `${server.url}/files/e/p/run00000/x.txt`;
    const part = await fetch(url, { headers: { ...auth, Range: 'bytes=6-10' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 6-10/12');
    expect(await part.text()).toBe('world');
    const open = await fetch(url, { headers: { ...auth, Range: 'bytes=6-' } });
    expect(await open.text()).toBe('world\n');
    const suffix = await fetch(url, { headers: { ...auth, Range: 'bytes=-3' } });
    expect(await suffix.text()).toBe('ld\n');
    const bad = await fetch(url, { headers: { ...auth, Range: 'bytes=50-60' } });
    expect(bad.status).toBe(416);
    expect(bad.headers.get('content-range')).toBe('bytes */12');
  });

  it('streams a large file from disk, whole and by range', async () => {
    const { nodes } = await files({ name: 'withfiles', fileNames: ['big.bin'] });
    const node = nodes[0] as FileNode;
    expect(node.sizeBytes).toBe(LARGE);
    const res = await fetch(node.url, { headers: auth });
    expect(res.headers.get('content-length')).toBe(String(LARGE));
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.length).toBe(LARGE);
    expect(createHash('md5').update(bytes).digest('base64')).toBe(node.md5);
    const tail = await fetch(node.url, { headers: { ...auth, Range: `bytes=${LARGE - 7}-` } });
    expect(tail.status).toBe(206);
    expect(await tail.text()).toBe('tail123');
  });

  it('answers 404 for a missing file', async () => {
    expect((await fetch(`${server.url}/files/e/p/run00000/nope.txt`, { headers: auth })).status).toBe(404);
  });
});
