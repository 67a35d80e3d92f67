import { request } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/index';
import { basic, gql, KEY, startTestServer } from './helpers';

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterEach(() => server.faults.clear());
afterAll(() => server.close());

const VIEWER = '{ viewer { username } }';
const FILE = () => `${server.url}/files/e/p/run00000/x.txt`;

/** Reads a response as raw bytes, reporting whether the connection broke before the end. */
function rawGet(url: string): Promise<{ status: number; received: number; length: number; broken: boolean }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { Authorization: basic(KEY) } }, (res) => {
      let received = 0;
      res.on('data', (c: Buffer) => (received += c.length));
      const done = (broken: boolean) =>
        resolve({
          status: res.statusCode ?? 0,
          received,
          length: Number(res.headers['content-length']),
          broken,
        });
      res.on('end', () => done(false));
      res.on('error', () => done(true));
      res.on('aborted', () => done(true));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('fault injection', () => {
  it('fails the next N requests with the chosen status, then recovers', async () => {
    server.faults.failNext(2, 503);
    expect((await gql(server, VIEWER)).status).toBe(503);
    expect((await gql(server, VIEWER)).status).toBe(503);
    expect((await gql(server, VIEWER)).status).toBe(200);
  });

  it('answers 429 with Retry-After in seconds', async () => {
    server.faults.failNext(1, 429, 3);
    const res = await gql(server, VIEWER);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('3');
  });

  it('answers a fraction of requests with 500/502/503 (seeded, reproducible)', async () => {
    const run = async (): Promise<number[]> => {
      server.faults.set({ errorRate: 0.5, seed: 42 });
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) statuses.push((await gql(server, VIEWER)).status);
      return statuses;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    const failures = first.filter((s) => s !== 200);
    expect(failures.length).toBeGreaterThan(3);
    expect(failures.length).toBeLessThan(17);
    expect(new Set(failures)).toEqual(new Set([500, 502, 503]));
  });

  it('answers a fraction with 429 when asked', async () => {
    server.faults.set({ rateLimitRate: 1, retryAfterSeconds: 2 });
    const res = await gql(server, VIEWER);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('2');
  });

  it('answers HTTP 200 with a GraphQL error when asked', async () => {
    server.faults.update({ graphqlErrorMessage: "Cannot query field 'displayName' on type 'Sweep'" });
    server.faults.failNext(1, 'graphql-error');
    const res = await gql(server, VIEWER);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      errors: [{ message: "Cannot query field 'displayName' on type 'Sweep'" }],
      data: null,
    });
    expect((await gql(server, VIEWER)).body.data.viewer.username).toBe('ada');
  });

  it('resets the connection in the middle of a GraphQL body', async () => {
    server.faults.failNext(1, 'reset');
    await expect(
      gql(
        server,
        '{ project(name: "p", entityName: "e") { runs { edges { node { config summaryMetrics } } } } }',
      ),
    ).rejects.toThrow();
    expect((await gql(server, VIEWER)).status).toBe(200);
  });

  it('drips a GraphQL reply in pieces after the headers, the same body in the end', async () => {
    const query = '{ project(name: "p", entityName: "e") { runs { edges { node { name config } } } } }';
    const whole = await gql(server, query);
    server.faults.update({ dripMs: 20, dripChunks: 5 });
    const pieces: number[] = [];
    const text = await new Promise<string>((resolve, reject) => {
      const body = JSON.stringify({ query });
      const headers = { Authorization: basic(KEY), 'Content-Type': 'application/json' };
      const req = request(`${server.url}/graphql`, { method: 'POST', headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => {
          chunks.push(c);
          pieces.push(c.length);
        });
        res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
    expect(pieces).toHaveLength(5);
    expect(JSON.parse(text)).toEqual(whole.body);
  });

  it('resets the connection in the middle of a file body', async () => {
    server.faults.set({ resetRate: 1, targets: ['files'] });
    const res = await rawGet(FILE());
    expect(res.broken).toBe(true);
    expect(res.received).toBeLessThan(res.length);
    // GraphQL is not targeted.
    expect((await gql(server, VIEWER)).status).toBe(200);
  });

  it('applies only to the selected endpoints', async () => {
    server.faults.set({ failNext: 1, failStatus: 500, targets: ['files'] });
    expect((await gql(server, VIEWER)).status).toBe(200);
    expect((await fetch(FILE(), { headers: { Authorization: basic(KEY) } })).status).toBe(500);
    expect((await fetch(FILE(), { headers: { Authorization: basic(KEY) } })).status).toBe(200);
  });

  it('adds latency, changeable while the server runs', async () => {
    server.faults.update({ latencyMs: 400 });
    const before = server.faults.stats.requests;
    const order: string[] = [];
    const slow = gql(server, VIEWER).then(() => order.push('slow'));
    while (server.faults.stats.requests === before) await new Promise((resolve) => setTimeout(resolve, 1));
    server.faults.update({ latencyMs: 0 });
    await gql(server, VIEWER).then(() => order.push('fast'));
    await slow;
    expect(order).toEqual(['fast', 'slow']);
  });

  it('can be changed over HTTP by clients outside the process', async () => {
    const url = `${server.url}/__wbapi/faults`;
    expect((await fetch(url, { method: 'PUT', body: '{}' })).status).toBe(401);
    const put = await fetch(url, {
      method: 'PUT',
      headers: { Authorization: basic(KEY) },
      body: JSON.stringify({ failNext: 1, failStatus: 502 }),
    });
    expect(put.status).toBe(200);
    expect(((await put.json()) as { config: unknown }).config).toEqual({ failNext: 1, failStatus: 502 });
    expect((await gql(server, VIEWER)).status).toBe(502);
    expect((await gql(server, VIEWER)).status).toBe(200);
    const bad = await fetch(url, { method: 'PUT', headers: { Authorization: basic(KEY) }, body: '[1' });
    expect(bad.status).toBe(400);
  });

  it('can be given at start', async () => {
    const other = await startTestServer({ faults: { failNext: 1, failStatus: 502 } });
    try {
      expect((await gql(other, VIEWER)).status).toBe(502);
      expect((await gql(other, VIEWER)).status).toBe(200);
    } finally {
      await other.close();
    }
  });
});
