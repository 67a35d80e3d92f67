import { describe, expect, it } from 'vitest';
import { AuthenticationError, BadInputError, NotFoundError } from '../src';
import { useTestServer } from './helpers/lifecycle';
import { testApi } from './helpers/server';

const testServer = useTestServer();

describe('projects', () => {
  it('lists the default entity’s projects page by page', async () => {
    const projects = await testApi(testServer()).projects(undefined, { perPage: 3 }).toArray({ limit: 100 });
    expect(projects.map((p) => p.name)).toEqual(
      expect.arrayContaining(['mnist', 'history', 'files', 'empty', 'extra0', 'extra4']),
    );
    expect(new Set(projects.map((p) => p.name)).size).toBe(projects.length);
    expect(projects[0]?.entity).toBe('acme');
    expect(projects[0]?.id).toBeTruthy();
  });

  it('has no length', async () => {
    await expect(testApi(testServer()).projects('acme').length()).rejects.toThrow(
      "Object doesn't provide length",
    );
    await expect(testApi(testServer()).projects('acme').length()).rejects.toBeInstanceOf(BadInputError);
  });

  it('api.project is lazy until load()', async () => {
    const requests: string[] = [];
    const api = testApi(testServer(), { hooks: { request: (e) => requests.push(e.operationName) } });
    const project = await api.project('mnist', 'acme');
    expect(requests).toEqual([]);
    expect(project.id).toBeNull();
    await project.load();
    expect(project.id).toBeTruthy();
    expect(project.createdAt).toMatch(/^2024-05-01/);
    expect(await project.runs().length()).toBeGreaterThanOrEqual(12);
    await expect((await api.project('nope', 'acme')).load()).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('viewer and keys', () => {
  it('returns the viewer and fills the default entity', async () => {
    const api = testApi(testServer());
    const viewer = await api.viewer();
    expect(viewer).toMatchObject({
      username: 'ada',
      name: 'Ada Lovelace',
      email: 'ada@example.test',
      entity: 'acme',
    });
    expect(await api.defaultEntity()).toBe('acme');
  });

  it('answers a wrong key with AuthenticationError and a null viewer', async () => {
    const api = testApi(testServer(), { apiKey: 'wrong_' + 'x'.repeat(40) });
    await expect(api.run('acme/mnist/r00')).rejects.toBeInstanceOf(AuthenticationError);
    await expect(api.viewer()).resolves.toBeNull();
  });

  it('never puts the key in an error message', async () => {
    const key = 'wrong_' + 'y'.repeat(40);
    const error: unknown = await testApi(testServer(), { apiKey: key })
      .run('acme/mnist/r00')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(String((error as Error).message)).not.toContain(key);
  });
});

describe('no entity', () => {
  it('asks for an entity when neither settings nor the viewer give one', async () => {
    const api = testApi(testServer(), { apiKey: 'wrong_' + 'z'.repeat(40) });
    const error: unknown = await api
      .projects()
      .toArray({ limit: 1 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadInputError);
    expect(error).toMatchObject({
      message: 'entity must be passed as a parameter, or set in settings',
      missing: 'entity',
    });
  });
});
