import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/index';
import { basic, KEY, startTestServer } from './helpers';

const ORIGIN = 'http://localhost:5173';
let open: RunningServer;
let closed: RunningServer;
beforeAll(async () => {
  open = await startTestServer({ cors: [ORIGIN] });
  closed = await startTestServer();
});
afterAll(async () => {
  await open.close();
  await closed.close();
});

function preflight(server: RunningServer, path: string, origin: string): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: 'OPTIONS',
    headers: {
      Origin: origin,
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'authorization, content-type, use-admin-privileges',
    },
  });
}

describe('CORS', () => {
  it('answers the preflight of an allowed origin with the methods and headers browsers need', async () => {
    const res = await preflight(open, '/graphql', ORIGIN);
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const allowed = (res.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    const sent = ['authorization', 'content-type', 'use-admin-privileges', 'range', 'user-agent'];
    for (const h of [...sent, 'x-wandb-username', 'x-wandb-user-email']) expect(allowed).toContain(h);
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('adds the allow-origin and exposed headers to real responses, files included', async () => {
    const res = await fetch(`${open.url}/files/e/p/run00000/x.txt`, {
      headers: { Origin: ORIGIN, Authorization: basic(KEY), Range: 'bytes=0-4' },
    });
    expect(res.status).toBe(206);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const exposed = (res.headers.get('access-control-expose-headers') ?? '').toLowerCase();
    for (const h of ['content-length', 'content-range', 'retry-after']) expect(exposed).toContain(h);
  });

  it('allows no origin by default, and not other origins', async () => {
    expect((await preflight(closed, '/graphql', ORIGIN)).status).toBe(403);
    const other = await preflight(open, '/graphql', 'http://evil.test');
    expect(other.status).toBe(403);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const res = await fetch(`${closed.url}/graphql`, {
      method: 'POST',
      headers: { Origin: ORIGIN, Authorization: basic(KEY), 'Content-Type': 'application/json' },
      body: JSON.stringify({ query: '{ viewer { id } }' }),
    });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});
