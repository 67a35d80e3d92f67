import { describe, expect, it } from 'vitest';
import { fakeGraphQL, runNode } from '../../test/helpers/fake-graphql';
import { AuthenticationError, BadInputError, MalformedResponseError, NotFoundError } from '../errors';
import type { Platform } from '../platform';
import { Api } from './api';

const viewer = () => ({ body: { data: { viewer: { id: 'VXNlcjox', entity: 'viewer-entity' } } } });
const noRetry = { maxRetries: 0 };

describe('Api settings', () => {
  it('prefers explicit options, then overrides, then the platform, then defaults', async () => {
    const platform: Platform = {
      name: 'test',
      settings: () => ({ baseUrl: 'https://env.test', apiKey: 'env-key', entity: 'env-e', project: 'env-p' }),
      download: () => Promise.resolve(undefined),
    };
    const api = new Api({
      platform,
      project: 'opt-p',
      overrides: { base_url: 'https://api.over.test///', entity: 'over-e' },
    });
    expect(await api.settings()).toMatchObject({
      baseUrl: 'https://api.over.test',
      apiKey: 'env-key',
      entity: 'over-e',
      project: 'opt-p',
      appUrl: 'https://app.over.test/',
    });
    expect((await new Api().settings()).baseUrl).toBe('https://api.wandb.ai');
  });

  it('throws AuthenticationError on the first request that needs a key, without sending it', async () => {
    const fake = fakeGraphQL({ DefaultEntity: viewer });
    const api = new Api({ fetch: fake.fetch, retry: noRetry });
    await expect(api.run('e/p/r')).rejects.toBeInstanceOf(AuthenticationError);
    expect(fake.seen).toHaveLength(0);
    expect(await api.defaultEntity()).toBe('viewer-entity');
  });

  it('tells a platform without environment settings (a browser) to pass apiKey, not about WANDB_API_KEY', async () => {
    const fake = fakeGraphQL({});
    const bare: Platform = { name: 'page', download: () => Promise.resolve(undefined) };
    const withEnv: Platform = { ...bare, settings: () => ({}) };
    const messageOf = (platform: Platform) =>
      new Api({ fetch: fake.fetch, platform }).run('e/p/r').catch((e: unknown) => (e as Error).message);
    const pageMessage = await messageOf(bare);
    expect(pageMessage).toContain('pass apiKey to new Api({ baseUrl, apiKey })');
    expect(pageMessage).not.toMatch(/WANDB_API_KEY|netrc \(/);
    expect(await messageOf(withEnv)).toContain('set WANDB_API_KEY');
  });

  it('asks for the default entity once and only when the path lacks one', async () => {
    const fake = fakeGraphQL({
      DefaultEntity: viewer,
      Run: (v) => ({
        body: { data: { project: { run: runNode({ name: v['name'] }) } } },
      }),
    });
    const api = new Api({ fetch: fake.fetch, apiKey: 'k'.repeat(40), retry: noRetry });
    await api.run('e/p/r1');
    expect(fake.seen.map((r) => r.operation)).toEqual(['Run']);
    const run = await api.run('p/r2');
    await api.run('p/r3');
    expect(run.entity).toBe('viewer-entity');
    expect(fake.seen.map((r) => r.operation)).toEqual(['Run', 'DefaultEntity', 'Run', 'Run']);
  });
});

describe('Api replies', () => {
  it('reports a malformed summary as MalformedResponseError', async () => {
    const fake = fakeGraphQL({
      Run: () => ({ body: { data: { project: { run: runNode({ summaryMetrics: '{"a": ' }) } } } }),
    });
    const api = new Api({ fetch: fake.fetch, apiKey: 'k'.repeat(40), retry: noRetry });
    await expect(api.run('e/p/r')).rejects.toBeInstanceOf(MalformedResponseError);
  });

  it('reports a body that is not JSON as MalformedResponseError', async () => {
    const fake = fakeGraphQL({ Run: () => new Response('<html>oops</html>', { status: 200 }) });
    const api = new Api({ fetch: fake.fetch, apiKey: 'k'.repeat(40), retry: noRetry });
    await expect(api.run('e/p/r')).rejects.toBeInstanceOf(MalformedResponseError);
  });

  it('says which run is missing', async () => {
    const fake = fakeGraphQL({ Run: () => ({ body: { data: { project: { run: null } } } }) });
    const api = new Api({ fetch: fake.fetch, apiKey: 'k'.repeat(40) });
    const error = await api.run('e/p/nope').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toBe('Could not find run <Run e/p/nope (not found)>');
  });

  it('says how a two-part path was read when its run is missing (a forgotten run id)', async () => {
    const fake = fakeGraphQL({ Run: () => ({ body: { data: { project: { run: null } } } }) });
    const api = new Api({ fetch: fake.fetch, apiKey: 'k'.repeat(40), entity: 'e' });
    const error = await api.run('demo/mnist').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toBe(
      "Could not find run <Run e/demo/mnist (not found)>: 'demo/mnist' was read as project/run_id; a run path is entity/project/run_id (is the run id missing?)",
    );
  });

  it('rejects bad filters before any request', () => {
    const fake = fakeGraphQL({});
    const api = new Api({ fetch: fake.fetch, apiKey: 'k'.repeat(40) });
    expect(() => api.runs('e/p', { filters: [] as unknown as Record<string, unknown> })).toThrow(
      BadInputError,
    );
    expect(fake.seen).toHaveLength(0);
  });
});

describe('no API key', () => {
  it('says where the platform looked for one', async () => {
    const platform = {
      name: 'test',
      describeCredentialSources: (baseUrl: string) => `the netrc entry for ${new URL(baseUrl).host}`,
      download: () => Promise.resolve(undefined),
    };
    const api = new Api({ platform, baseUrl: 'https://api.example.test' });
    await expect(api.run('e/p/r')).rejects.toThrow(/looked in the netrc entry for api\.example\.test$/);
  });
});
