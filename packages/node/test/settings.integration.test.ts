import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '@wbapi/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, AuthenticationError, NodePlatform } from '../src/index';

let server: RunningServer;
let home: string;

beforeAll(async () => {
  server = await startServer({ demo: { runsPerProject: 2, historyLength: 5, filesPerRun: 1 } });
  home = mkdtempSync(join(tmpdir(), 'wbapi-home-'));
}, 60_000);

afterAll(async () => {
  await server?.close();
  rmSync(home, { recursive: true, force: true });
});

async function runNames(api: Api, path: string): Promise<(string | null)[]> {
  return (await api.runs(path).toArray({ limit: 10 })).map((run) => run.name);
}

describe('Api settings on Node', () => {
  it('takes the server, key, entity and project from WANDB_* variables', async () => {
    const env = { WANDB_BASE_URL: server.url, WANDB_API_KEY: server.apiKey, WANDB_ENTITY: 'demo' };
    const api = new Api({ platform: new NodePlatform({ env, homeDir: home }) });
    expect(await runNames(api, 'mnist')).toHaveLength(2);
    expect((await api.settings()).entity).toBe('demo');
  });

  it('takes the key from the netrc entry for host:port', async () => {
    const netrc = join(home, 'netrc');
    writeFileSync(netrc, `machine ${new URL(server.url).host}\n  login user\n  password ${server.apiKey}\n`);
    const env = { WANDB_BASE_URL: server.url, NETRC: netrc };
    const api = new Api({ platform: new NodePlatform({ env, homeDir: home }) });
    expect(await runNames(api, 'demo/mnist')).toHaveLength(2);
  });

  it('lets explicit options win over the environment', async () => {
    const env = { WANDB_BASE_URL: 'http://127.0.0.1:9', WANDB_API_KEY: 'wrong'.repeat(10) };
    const api = new Api({
      baseUrl: server.url,
      apiKey: server.apiKey,
      platform: new NodePlatform({ env, homeDir: home }),
    });
    expect(await runNames(api, 'demo/mnist')).toHaveLength(2);
  });

  it('fails with an AuthenticationError that says where it looked when no key is found', async () => {
    const platform = new NodePlatform({ env: { WANDB_BASE_URL: server.url }, homeDir: home });
    const error = await runNames(new Api({ platform }), 'demo/mnist').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    const message = (error as Error).message;
    expect(message).toContain('WANDB_API_KEY');
    expect(message).toContain(new URL(server.url).host);
    expect(message).toContain(join(home, '.netrc'));
  });
});
