// What a Node Api sends, as the local server receives it (recorded by its `onRequest` option).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type ReceivedRequest, type RunningServer } from '@wbapi/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Api, NodePlatform, TimeoutError, VERSION } from '../src/index';

let server: RunningServer;
let home: string;
const received: ReceivedRequest[] = [];

beforeAll(async () => {
  server = await startServer({
    demo: { runsPerProject: 2, historyLength: 5, filesPerRun: 1 },
    onRequest: (request) => received.push(request),
  });
  home = mkdtempSync(join(tmpdir(), 'wbapi-home-'));
}, 60_000);
afterAll(async () => {
  await server?.close();
  rmSync(home, { recursive: true, force: true });
});
beforeEach(() => {
  received.length = 0;
  server.faults.clear();
});

function api(env: Record<string, string> = {}, maxRetries = 20): Api {
  const all = { WANDB_BASE_URL: server.url, WANDB_API_KEY: server.apiKey, ...env };
  return new Api({
    platform: new NodePlatform({ env: all, homeDir: home }),
    cache: false,
    retry: { maxRetries },
  });
}

describe('headers sent by the Node Api', () => {
  it('sends the public-client User-Agent, Use-Admin-Privileges and Basic auth, and no identity headers by default', async () => {
    await api().runs('demo/mnist').toArray({ limit: 1 });
    const graphql = received.filter((r) => r.path === '/graphql');
    expect(graphql.length).toBeGreaterThan(0);
    for (const { headers } of graphql) {
      expect(headers['user-agent']).toBe(`W&B Public Client 0.26.1 (wbapi/${VERSION})`);
      expect(headers['use-admin-privileges']).toBe('true');
      expect(headers['authorization']).toMatch(/^Basic /);
      expect(headers['x-wandb-username']).toBeUndefined();
      expect(headers['x-wandb-user-email']).toBeUndefined();
    }
  });

  it('sends X-WANDB-USERNAME and X-WANDB-USER-EMAIL when WANDB_USERNAME and WANDB_USER_EMAIL are set', async () => {
    const env = { WANDB_USERNAME: 'svc-runner', WANDB_USER_EMAIL: 'svc@example.com' };
    await api(env).runs('demo/mnist').toArray({ limit: 1 });
    const last = received.filter((r) => r.path === '/graphql').at(-1);
    expect(last?.headers['x-wandb-username']).toBe('svc-runner');
    expect(last?.headers['x-wandb-user-email']).toBe('svc@example.com');
  });

  it('lets a user-set User-Agent and headers win', async () => {
    const platform = new NodePlatform({ env: { WANDB_USERNAME: 'svc' }, homeDir: home });
    const own = new Api({
      baseUrl: server.url,
      apiKey: server.apiKey,
      platform,
      userAgent: 'my-tool/1.0',
      headers: { 'X-WANDB-USERNAME': 'someone-else' },
    });
    await own.runs('demo/mnist').toArray({ limit: 1 });
    const last = received.filter((r) => r.path === '/graphql').at(-1);
    expect(last?.headers['user-agent']).toBe('my-tool/1.0');
    expect(last?.headers['x-wandb-username']).toBe('someone-else');
  });

  it('honours WANDB_HTTP_TIMEOUT (seconds) as the per-attempt timeout', async () => {
    server.faults.update({ latencyMs: 1_000 });
    const error = await api({ WANDB_HTTP_TIMEOUT: '0.1' }, 0)
      .runs('demo/mnist')
      .toArray({ limit: 1 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).timeoutMs).toBe(100);
  });

  it('times a gap between reads over node:http, never a reply that keeps streaming', async () => {
    // 30 pieces 50 ms apart: 1.5 s in all, past a 1 s timeout that covered the whole body.
    server.faults.update({ dripMs: 50, dripChunks: 30 });
    expect(await api({ WANDB_HTTP_TIMEOUT: '1' }, 0).runs('demo/mnist').toArray({ limit: 10 })).toHaveLength(
      2,
    );
    server.faults.update({ dripMs: 2_000, dripChunks: 2 });
    const error = await api({ WANDB_HTTP_TIMEOUT: '0.3' }, 0)
      .runs('demo/mnist')
      .toArray({ limit: 10 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
  });
});
