import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import type { RunningServer } from '../src/index';
import { basic, gql, KEY, startTestServer } from './helpers';

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

async function post(body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: basic(KEY), ...headers },
    body,
  });
}

describe('authentication', () => {
  it('answers the viewer of a known key', async () => {
    const res = await gql(server, '{ viewer { id username entity } }');
    expect(res.status).toBe(200);
    expect(res.body.data.viewer).toMatchObject({ username: 'ada', entity: 'e' });
  });

  it('answers viewer: null to the anonymous login check with an unknown or missing key', async () => {
    for (const key of ['z'.repeat(40), null]) {
      const res = await gql(server, '{ viewer { id } }', {}, { key });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ data: { viewer: null } });
    }
  });

  it('rejects any other query with an unknown or missing key with 401', async () => {
    for (const key of ['z'.repeat(40), null]) {
      const res = await gql(server, '{ project(name: "p", entityName: "e") { id } }', {}, { key });
      expect(res.status).toBe(401);
      expect(res.body.errors[0].message).toMatch(/API key/);
      expect(JSON.stringify(res.body)).not.toContain('z'.repeat(40));
    }
  });
});

describe('request handling', () => {
  it('accepts an empty operationName and ignores undeclared variables', async () => {
    const res = await post(
      JSON.stringify({
        query:
          'query Run($entity: String!, $project: String!, $name: String!) { project(name: $project, entityName: $entity) { run(name: $name) { name } } }',
        variables: { entity: 'e', project: 'p', name: 'run00000', notDeclared: 1, deleteArtifacts: false },
        operationName: '',
      }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { project: { run: { name: 'run00000' } } } });
  });

  it('accepts explicit null variables, including ones with defaults', async () => {
    const res = await gql(
      server,
      'query P($entity: String, $cursor: String, $perPage: Int = 50) { models(entityName: $entity, after: $cursor, first: $perPage) { edges { node { name } } } }',
      { entity: null, cursor: null, perPage: null },
    );
    expect(res.status).toBe(200);
    expect(res.body.data.models.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual([
      'p',
      'q',
    ]);
  });

  it('answers malformed JSON with 400 and a GraphQL-shaped error', async () => {
    const res = await post('{"query": ');
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0].message).toMatch(/not valid JSON/);
  });

  it('answers a body without a query with 400', async () => {
    const res = await post(JSON.stringify({ variables: {} }));
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0].message).toMatch(/query/);
  });

  it('answers invalid GraphQL syntax with 400 and the location', async () => {
    const res = await gql(server, '{ viewer { id ');
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toMatch(/Syntax Error/);
    expect(res.body.errors[0].locations).toBeDefined();
  });

  it('answers an unknown field with 400 naming it', async () => {
    const res = await gql(server, '{ viewer { id shoeSize } }');
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toContain('shoeSize');
  });

  it('answers introspection of the Run type', async () => {
    const res = await gql(server, 'query ProbeRunInput { RunType: __type(name: "Run") { fields { name } } }');
    expect(res.status).toBe(200);
    const names = res.body.data.RunType.fields.map((f: { name: string }) => f.name);
    expect(names).toContain('projectId');
    expect(names).toContain('sampledHistory');
  });

  it('supports @include', async () => {
    const query =
      'query S($withRuns: Boolean!) { project(name: "p", entityName: "e") { sweep(sweepName: "sweep001") { name runs @include(if: $withRuns) { edges { node { name } } } } } }';
    const without = await gql(server, query, { withRuns: false });
    expect(without.body.data.project.sweep).toEqual({ name: 'sweep001' });
    const withRuns = await gql(server, query, { withRuns: true });
    expect(withRuns.body.data.project.sweep.runs.edges).toHaveLength(3);
  });

  it('gzips a large response only when asked', async () => {
    const query =
      '{ project(name: "p", entityName: "e") { runs { edges { node { id name config summaryMetrics historyKeys systemMetrics } } } } }';
    const plain = await post(JSON.stringify({ query }), { 'Accept-Encoding': 'identity' });
    expect(plain.headers.get('content-encoding')).toBeNull();
    const text = await plain.text();
    expect(Number(plain.headers.get('content-length'))).toBe(Buffer.byteLength(text));
    const { request } = await import('node:http');
    const zipped = await new Promise<{ encoding: string | undefined; length: number; bytes: Buffer }>(
      (resolve, reject) => {
        const url = new URL(`${server.url}/graphql`);
        const req = request(
          {
            host: url.hostname,
            port: url.port,
            path: '/graphql',
            method: 'POST',
            headers: {
              'Content-Type': 'application/json',
              Authorization: basic(KEY),
              'Accept-Encoding': 'gzip',
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () =>
              resolve({
                encoding: res.headers['content-encoding'],
                length: Number(res.headers['content-length']),
                bytes: Buffer.concat(chunks),
              }),
            );
          },
        );
        req.on('error', reject);
        req.end(JSON.stringify({ query }));
      },
    );
    expect(zipped.encoding).toBe('gzip');
    expect(zipped.length).toBe(zipped.bytes.length);
    expect(gzipSync(text).length).toBeLessThan(text.length);
    const small = await post(JSON.stringify({ query: '{ viewer { id } }' }), { 'Accept-Encoding': 'gzip' });
    expect(small.headers.get('content-encoding')).toBeNull();
  });

  it('answers a variable of the wrong type or out of Int range with 400', async () => {
    const query = 'query($n: Int) { models(first: $n) { edges { node { name } } } }';
    for (const n of ['ten', 2 ** 40]) {
      const res = await gql(server, query, { n });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].message).toMatch(/\$n/);
      expect(res.body.data).toBeUndefined();
    }
  });

  it('writes headers and body in one send on a keep-alive connection', async () => {
    const { connect } = await import('node:net');
    const url = new URL(server.url);
    const body = JSON.stringify({
      query: '{ project(name: "p", entityName: "e") { runs { edges { node { name } } } } }',
    });
    const socket = connect(Number(url.port), url.hostname);
    const chunks: string[] = [];
    const first = (): Promise<string> =>
      new Promise((resolve) => socket.once('data', (chunk: Buffer) => resolve(chunk.toString('utf8'))));
    for (let i = 0; i < 2; i++) {
      const next = first();
      socket.write(
        `POST /graphql HTTP/1.1\r\nHost: ${url.host}\r\nConnection: keep-alive\r\nAuthorization: ${basic(KEY)}\r\n` +
          `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
      chunks.push(await next);
    }
    socket.destroy();
    for (const chunk of chunks) {
      const [head, payload] = chunk.split('\r\n\r\n') as [string, string];
      expect(head).toMatch(/^HTTP\/1\.1 200/);
      expect(head.toLowerCase()).toContain('keep-alive');
      const length = Number(/content-length: (\d+)/i.exec(head)?.[1]);
      expect(Buffer.byteLength(payload)).toBe(length);
      expect(JSON.parse(payload).data.project.runs.edges).toHaveLength(5);
    }
  });

  it('refuses GET on /graphql and unknown paths', async () => {
    expect((await fetch(`${server.url}/graphql`)).status).toBe(405);
    expect((await fetch(`${server.url}/nope`)).status).toBe(404);
  });
});
