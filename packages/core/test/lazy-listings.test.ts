// Lazy and selective run listings against the local server: what is sent, what a run holds before
// and after `load()`, and the errors for reading or writing what was not read.
import { describe, expect, it } from 'vitest';
import { BadInputError, listRuns, NotLoadedError, type Run } from '../src';
import { MNIST_RUNS } from './helpers/dataset';
import { useTestServer } from './helpers/lifecycle';
import { recordingFetch } from './helpers/recording-fetch';
import { testApi } from './helpers/server';

const testServer = useTestServer();
const all = { limit: Infinity };
const mnist = { entity: 'acme', project: 'mnist' };

/** The light fields of a run, as a user reads them. */
const light = (run: Run) => ({
  id: run.id,
  storageId: run.storageId,
  name: run.name,
  state: run.state,
  tags: run.tags,
  group: run.group,
  jobType: run.jobType,
  notes: run.notes,
  user: run.user,
  createdAt: run.createdAt,
  heartbeatAt: run.heartbeatAt,
  sweepName: run.sweepName,
  historyLineCount: run.historyLineCount,
});

/** Picks `keys` of `object` that it has, in the order of `keys`. */
const pick = (object: Record<string, unknown>, keys: string[]) =>
  Object.fromEntries(keys.filter((key) => key in object).map((key) => [key, object[key]]));

async function fullRuns(): Promise<Run[]> {
  return testApi(testServer()).runs('acme/mnist').toArray(all);
}

describe('lazy listings', () => {
  it('ask only the light fields and give runs whose light fields are those of a full listing', async () => {
    const fetchFn = recordingFetch();
    const runs = await testApi(testServer(), { fetch: fetchFn })
      .runs('acme/mnist', { lazy: true, perPage: 5 })
      .toArray(all);
    expect(runs.map(light)).toEqual((await fullRuns()).map(light));
    expect(fetchFn.sent).toHaveLength(3);
    for (const { query } of fetchFn.sent) {
      expect(query).toMatch(/^query RunsLight\(/);
      // The fields of the Python client's lazy listing (LightweightRunFragment), plus projectId.
      expect(query).toContain(
        'fragment LightRunFields on Run{id tags name displayName sweepName state group jobType commit readOnly createdAt heartbeatAt description notes historyLineCount user{name username}projectId}',
      );
      for (const heavy of ['config', 'summaryMetrics', 'systemMetrics', 'historyKeys']) {
        expect(query).not.toMatch(new RegExp(`\\b${heavy}\\b`));
      }
    }
    expect(fetchFn.sent[0]?.variables).not.toHaveProperty('withSummary');
  });

  it('throw NotLoadedError on heavy fields and on writes until load(), which reads them all', async () => {
    const fetchFn = recordingFetch();
    const [run] = await testApi(testServer(), { fetch: fetchFn })
      .runs('acme/mnist', { lazy: true })
      .toArray({ limit: 1 });
    if (!run) throw new Error('no run listed');
    for (const field of ['config', 'rawConfig', 'summary', 'systemMetrics', 'historyKeys'] as const) {
      const error = (() => {
        try {
          return run[field];
        } catch (e) {
          return e;
        }
      })();
      expect(error, field).toBeInstanceOf(NotLoadedError);
      expect((error as NotLoadedError).field).toBe(field);
      expect((error as Error).message).toBe(
        `run.${field} was not loaded: <Run acme/mnist/r00 (finished)> came from a lazy listing: await run.load() first`,
      );
    }
    const sentBefore = fetchFn.sent.length;
    await expect(run.update()).rejects.toThrow(NotLoadedError);
    await expect(run.updateSummary({ acc: 1 })).rejects.toThrow(
      'run.updateSummary() writes the whole config and summary: <Run acme/mnist/r00 (finished)> came from a lazy listing',
    );
    expect(fetchFn.sent).toHaveLength(sentBefore);
    // Spreading and printing the run skip what was not read.
    expect(Object.keys({ ...run })).not.toContain('config');
    expect(() => JSON.stringify({ ...run, context: undefined })).not.toThrow();

    await run.load();
    expect(fetchFn.sent).toHaveLength(sentBefore + 1);
    expect(fetchFn.sent.at(-1)?.query).toMatch(/^query Run\b/);
    const full = (await fullRuns())[0]!;
    expect(run.config).toEqual(full.config);
    expect(run.rawConfig).toEqual(full.rawConfig);
    expect(run.summary).toEqual(full.summary);
    expect(run.systemMetrics).toEqual({ 'system.cpu': 10 });
    expect(run.historyKeys).toEqual(full.historyKeys);
    await run.load();
    expect(fetchFn.sent).toHaveLength(sentBefore + 1);
  });

  it('lets a loaded run be updated like any other', async () => {
    const api = testApi(testServer());
    const run = (await api.runs('acme/mnist', { lazy: true, filters: { name: 'r07' } }).toArray(all))[0]!;
    await run.load();
    run.tags = [...run.tags, 'lazy'];
    await run.update();
    const again = await api.run('acme/mnist/r07');
    expect(again.tags).toEqual(['odd', 'lazy']);
    expect(again.config).toEqual(run.config);
    expect(again.summary).toEqual(run.summary);
  });

  it('keeps the count, a signal for it, filters and order', async () => {
    const runs = testApi(testServer()).runs('acme/mnist', {
      lazy: true,
      filters: { state: 'crashed' },
      order: '-created_at',
    });
    expect(await runs.length({ signal: new AbortController().signal })).toBe(4);
    expect((await runs.toArray(all)).map((run) => run.id)).toEqual(['r11', 'r08', 'r05', 'r02']);
    const controller = new AbortController();
    controller.abort(new Error('stop counting'));
    await expect(
      testApi(testServer()).runs('acme/mnist', { lazy: true }).length({ signal: controller.signal }),
    ).rejects.toThrow('stop counting');
    expect(await testApi(testServer()).runs('acme/mnist', { lazy: true }).length()).toBe(MNIST_RUNS);
  });
});

describe('selective reads', () => {
  it('ask the server for only the given keys and hold exactly those the run has', async () => {
    const fetchFn = recordingFetch();
    const summaryKeys = ['acc', 'val_loss', 'best', 'weird', 'missing'];
    const runs = await testApi(testServer(), { fetch: fetchFn })
      .runs('acme/mnist', { summaryKeys, configKeys: ['lr', 'arch'] })
      .toArray(all);
    const full = await fullRuns();
    expect(runs).toHaveLength(MNIST_RUNS);
    runs.forEach((run, i) => {
      const whole = full[i]!;
      expect(light(run)).toEqual(light(whole));
      expect(run.summary).toEqual(pick(whole.summary, summaryKeys));
      expect(run.config).toEqual(pick(whole.config, ['lr', 'arch']));
      expect(run.rawConfig).toEqual(pick(whole.rawConfig, ['lr', 'arch']));
      expect(() => run.systemMetrics).toThrow(NotLoadedError);
    });
    expect(Object.keys(runs[0]!.summary)).toEqual(['acc', 'val_loss']);
    expect(runs[11]!.summary).toEqual({ acc: 11 / 12, best: Infinity, weird: NaN });
    const [request] = fetchFn.sent;
    expect(request?.query).toMatch(/^query RunsSelective\(/);
    expect(request?.query).toContain('summaryMetrics(keys:$summaryKeys)');
    expect(request?.variables).toMatchObject({ summaryKeys, configKeys: ['lr', 'arch'], withSummary: true });
  });

  it('leave out what has no keys, name the keys in the error, and load the rest on load()', async () => {
    const api = testApi(testServer());
    const run = (await api.runs('acme/mnist', { summaryKeys: ['loss'] }).toArray({ limit: 1 }))[0]!;
    expect(run.summary).toEqual({ loss: 1 });
    expect(() => run.config).toThrow(
      'run.config was not loaded: <Run acme/mnist/r00 (finished)> came from a listing of summaryKeys ["loss"] only: await run.load() first',
    );
    await expect(run.update()).rejects.toThrow(NotLoadedError);
    await run.load();
    expect(Object.keys(run.summary).sort()).toEqual(['acc', 'loss', 'val_loss']);
    expect(run.config).toMatchObject({ lr: 0.001, batch: 16 });
  });

  it('work in the functions layer, where what was not read is absent', async () => {
    const session = testApi(testServer()).context;
    const selective = await listRuns(session, mnist, { configKeys: ['batch'] }).toArray(all);
    const lazy = await listRuns(session, mnist, { lazy: true }).toArray(all);
    const full = await listRuns(session, mnist).toArray(all);
    full.forEach((whole, i) => {
      expect(selective[i]?.config).toEqual({ batch: whole.config['batch'] });
      expect(selective[i]).not.toHaveProperty('summary');
      expect(lazy[i]).not.toHaveProperty('config');
      expect(lazy[i]).not.toHaveProperty('systemMetrics');
      const { config: _c, rawConfig: _r, summary: _s, systemMetrics: _m, attrs: _a, ...rest } = whole;
      expect(lazy[i]).toMatchObject(rest);
    });
  });

  it('reject bad keys, and keys with lazy: false, before any request', () => {
    const fetchFn = recordingFetch();
    const api = testApi(testServer(), { fetch: fetchFn });
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ summaryKeys: 'acc' }, 'summaryKeys must be a list of strings'],
      [{ configKeys: ['lr', 3] }, 'configKeys must be a list of strings'],
      [{ summaryKeys: [''] }, 'summaryKeys must not hold an empty string'],
      [{ summaryKeys: ['acc'], lazy: false }, 'summaryKeys and configKeys make a light listing'],
      [{ lazy: 'yes' }, 'lazy must be true or false'],
    ];
    for (const [options, message] of bad) {
      expect(() => api.runs('acme/mnist', options), message).toThrow(BadInputError);
      expect(() => api.runs('acme/mnist', options)).toThrow(message);
      expect(() => listRuns(api.context, mnist, options)).toThrow(message);
    }
    expect(fetchFn.sent).toHaveLength(0);
  });
});
