import { describe, expect, it } from 'vitest';
import { NotFoundError, NotLoadedError } from '../src';
import { fakeGraphQL } from './helpers/fake-graphql';
import { useTestServer } from './helpers/lifecycle';
import { mnistRun } from './helpers/dataset';
import { testApi } from './helpers/server';

const testServer = useTestServer();

describe('api.sweep', () => {
  it('loads a sweep with its parsed YAML config', async () => {
    const sweep = await testApi(testServer()).sweep('acme/mnist/sw1');
    expect(sweep.id).toBe('sw1');
    expect(sweep.storageId).toBeTruthy();
    expect(sweep.name).toBe('lr-search');
    expect(sweep.state).toBe('FINISHED');
    expect(sweep.method).toBe('bayes');
    expect(sweep.runCountExpected).toBe(20);
    expect(sweep.config).toMatchObject({
      metric: { name: 'val_loss', goal: 'minimize' },
      parameters: { lr: { min: 0.0001 } },
    });
    expect(sweep.url).toBe(`${testServer().url}/acme/mnist/sweeps/sw1`);
    expect(sweep.order).toBe('+summary_metrics.val_loss');
  });

  it('names a sweep from its config when it has no display name', async () => {
    expect((await testApi(testServer()).sweep('acme/mnist/sweeps/sw2')).name).toBe('from-config');
  });

  it('throws NotFoundError with the SDK message', async () => {
    await expect(testApi(testServer()).sweep('acme/mnist/nope')).rejects.toThrow(
      new NotFoundError('Could not find sweep <Sweep acme/mnist/nope (Unknown State)>'),
    );
  });

  it('falls back to the legacy query when the full one fails', async () => {
    const fake = fakeGraphQL({
      Sweep: () => ({ body: { errors: [{ message: 'Cannot query field "runCountExpected"' }] } }),
      SweepLegacy: () => ({
        body: {
          data: {
            project: {
              sweep: {
                id: 'U3c=',
                name: 'old',
                state: 'RUNNING',
                bestLoss: 0.5,
                config: '{"method": "grid"}',
              },
            },
          },
        },
      }),
    });
    const sweep = await testApi(testServer(), { fetch: fake.fetch }).sweep('acme/mnist/old');
    expect(fake.seen.map((r) => r.operation)).toEqual(['Sweep', 'SweepLegacy']);
    expect([sweep.name, sweep.bestLoss, sweep.method, sweep.runCountExpected]).toEqual([
      'old',
      0.5,
      'grid',
      null,
    ]);
  });
});

describe('sweep runs', () => {
  it('lists the runs of the sweep, 10 per page by default', async () => {
    const sweep = await testApi(testServer()).sweep('acme/mnist/sw1');
    const runs = sweep.runs();
    expect((await runs.toArray({ limit: 100 })).map((r) => r.id)).toEqual(['r00', 'r01', 'r02', 'r03']);
    expect(await runs.length()).toBe(4);
  });

  it('lists them light with lazy, or with chosen summary keys, as api.runs does', async () => {
    const sweep = await testApi(testServer()).sweep('acme/mnist/sw1');
    const [light] = await sweep.runs({ lazy: true }).toArray({ limit: 1 });
    expect(light?.id).toBe('r00');
    expect(() => light?.config).toThrow(NotLoadedError);
    await light?.load();
    expect(light?.config).toMatchObject({ lr: expect.any(Number) });
    const picked = await sweep.runs({ summaryKeys: ['val_loss'] }).toArray({ limit: 10 });
    expect(picked.map((r) => r.id)).toEqual(['r00', 'r01', 'r02', 'r03']);
    for (const run of picked) expect(Object.keys(run.summary)).toEqual(['val_loss']);
  });

  it('bestRun follows the metric goal, or the order given', async () => {
    const api = testApi(testServer());
    const sw1 = await api.sweep('acme/mnist/sw1');
    expect((await sw1.bestRun())?.id).toBe('r01');
    expect((await sw1.bestRun({ order: '-val_loss' }))?.id).toBe('r02');
    expect((await sw1.bestRun({ order: '+config.lr' }))?.id).toBe('r00');
  });

  it('bestRun without a metric warns and falls back to the oldest run', async () => {
    testServer().store.addSweep({
      entity: 'acme',
      project: 'mnist',
      name: 'sw3',
      displayName: null,
      method: 'random',
      state: 'RUNNING',
      config: 'method: random\n',
      createdAt: '2024-05-01T10:00:00',
    });
    testServer().store.addRun({ ...mnistRun(60, 30), name: 'late3', sweep: 'sw3' });
    testServer().store.addRun({ ...mnistRun(61, 20), name: 'early3', sweep: 'sw3' });
    const warnings: string[] = [];
    const api = testApi(testServer(), { logger: { warn: (message: string) => warnings.push(message) } });
    const sweep = await api.sweep('acme/mnist/sw3');
    expect(sweep.order).toBeNull();
    expect((await sweep.bestRun())?.id).toBe('early3');
    expect(warnings.some((w) => w.includes('No order specified'))).toBe(true);
  });

  it('bestRun is null for a sweep without runs', async () => {
    expect(await (await testApi(testServer()).sweep('acme/mnist/sw2')).bestRun()).toBeNull();
  });
});

describe('project.sweeps', () => {
  it('lists a project’s sweeps with their total', async () => {
    const project = await testApi(testServer()).project('mnist', 'acme');
    const sweeps = project.sweeps({ perPage: 1 });
    const listed = (await sweeps.toArray({ limit: 10 })).map((s) => s.id);
    expect(listed.slice(0, 2)).toEqual(['sw1', 'sw2']);
    expect(await sweeps.length()).toBe(listed.length);
  });
});
