import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { BadInputError } from '../src';
import { useTestServer } from './helpers/lifecycle';
import { testApi } from './helpers/server';

const testServer = useTestServer();

/** The config text the server stored for a sweep. */
function storedConfig(id: string): string {
  const row = testServer().store.db.prepare('SELECT config FROM sweeps WHERE name = ?').get(id) as {
    config: string;
  };
  return row.config;
}

describe('api.createSweep', () => {
  it('writes an object as YAML, fills min/max distributions, and the sweep loads back', async () => {
    const api = testApi(testServer());
    const config = {
      name: 'lr search',
      method: 'bayes',
      metric: { name: 'val_loss', goal: 'minimize' },
      parameters: {
        lr: { min: 0.0001, max: 0.1 },
        layers: { min: 2, max: 8 },
        opt: { values: ['adam', 'sgd'] },
        code: { value: '008' },
        flag: { value: 'yes' },
      },
      unused: undefined,
    };
    const created = await api.createSweep(config, { project: 'sweeps-from-ts' });
    expect(created).toEqual({
      id: expect.stringMatching(/^[a-z0-9]{8}$/),
      entity: 'acme', // the server picks the viewer's entity
      project: 'sweeps-from-ts',
      path: `acme/sweeps-from-ts/${created.id}`,
      warnings: [],
    });
    const sweep = await api.sweep(created.path);
    expect(sweep.state).toBe('RUNNING');
    expect(sweep.method).toBe('bayes');
    expect(sweep.name).toBe('lr search');
    expect(sweep.config).toEqual({
      name: 'lr search',
      method: 'bayes',
      metric: { name: 'val_loss', goal: 'minimize' },
      parameters: {
        lr: { min: 0.0001, max: 0.1, distribution: 'uniform' },
        layers: { min: 2, max: 8, distribution: 'int_uniform' },
        opt: { values: ['adam', 'sgd'] },
        code: { value: '008' },
        flag: { value: 'yes' },
      },
    });
    // Keys sorted as the official client writes them; strings stay strings for YAML 1.1 readers.
    const text = storedConfig(created.id);
    expect(text.indexOf('method:')).toBeLessThan(text.indexOf('metric:'));
    expect(parse(text, { version: '1.1' }).parameters).toMatchObject({
      code: { value: '008' },
      flag: { value: 'yes' },
    });
  });

  it('sends YAML text unchanged, with the description and project it names', async () => {
    const api = testApi(testServer());
    const text =
      'project: from-config\ndescription: a grid\nmethod: grid\nparameters:\n  x: {values: [1, 2]}\n';
    const created = await api.createSweep(text);
    expect(created.project).toBe('from-config');
    expect(storedConfig(created.id)).toBe(text);
    expect((await api.sweep(created.path)).attrs.description).toBe('a grid');
  });

  it('uses the entity and project of the settings, then "uncategorized"', async () => {
    const config = { method: 'random', parameters: { x: { values: [1] } } };
    const withSettings = testApi(testServer(), { entity: 'acme', project: 'settings-project' });
    expect((await withSettings.createSweep(config)).path).toMatch(/^acme\/settings-project\//);
    expect((await testApi(testServer()).createSweep(config)).project).toBe('uncategorized');
  });

  it("returns the server's config warnings", async () => {
    const created = await testApi(testServer()).createSweep({ method: 'bayes', parameters: {} });
    expect(created.warnings).toEqual(['method bayes needs a metric to optimize']);
  });

  it('adds prior runs to the new sweep', async () => {
    const api = testApi(testServer());
    const created = await api.createSweep(
      { method: 'grid', parameters: { x: { values: [1] } } },
      { entity: 'acme', project: 'mnist', priorRuns: ['r10', 'r11'] },
    );
    const names: string[] = [];
    for await (const run of (await api.sweep(created.path)).runs()) names.push(run.id);
    expect(names.sort()).toEqual(['r10', 'r11']);
  });

  it('refuses a config that is not a mapping, or ambiguous bounds, before any request', async () => {
    const api = testApi(testServer());
    const before = testServer().store.db.prepare('SELECT COUNT(*) AS n FROM sweeps').get();
    await expect(api.createSweep('- a\n- b\n')).rejects.toThrow(
      new BadInputError('sweep config must be a YAML mapping'),
    );
    await expect(api.createSweep('method: [grid\n')).rejects.toThrow(BadInputError);
    await expect(api.createSweep([] as unknown as Record<string, unknown>)).rejects.toThrow(
      new BadInputError('sweep config must be an object or YAML text'),
    );
    await expect(
      api.createSweep({ method: 'random', parameters: { lr: { min: 0, max: 0.5 } } }),
    ).rejects.toThrow(/Parameter lr is ambiguous/);
    expect(testServer().store.db.prepare('SELECT COUNT(*) AS n FROM sweeps').get()).toEqual(before);
  });
});
