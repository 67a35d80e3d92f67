import { describe, expect, it } from 'vitest';
import { BadInputError, GraphQLError, NotFoundError, PaginationError, type Run } from '../src';
import { MNIST_RUNS, mnistRun } from './helpers/dataset';
import { useTestServer } from './helpers/lifecycle';
import { testApi } from './helpers/server';

const testServer = useTestServer();

const ids = (runs: Run[]): string[] => runs.map((run) => run.id);
const all = { limit: Infinity };

describe('api.runs filters', () => {
  const cases: Array<[string, Record<string, unknown>, string[]]> = [
    ['equality', { state: 'crashed' }, ['r02', 'r05', 'r08', 'r11']],
    ['$eq', { 'config.batch': { $eq: 32 } }, ['r01', 'r03', 'r05', 'r07', 'r09', 'r11']],
    ['$ne', { state: { $ne: 'finished' } }, ['r01', 'r02', 'r04', 'r05', 'r07', 'r08', 'r10', 'r11']],
    ['$gt', { 'config.lr': { $gt: 0.01 } }, ['r10', 'r11']],
    ['$gte', { 'config.lr': { $gte: 0.011 } }, ['r10', 'r11']],
    ['$lt', { 'summary_metrics.loss': { $lt: 0.1 } }, ['r10', 'r11']],
    ['$lte', { 'config.lr.value': { $lte: 0.002 } }, ['r00', 'r01']],
    ['$in', { displayName: { $in: ['run-3', 'run-4'] } }, ['r03', 'r04']],
    ['$nin', { group: { $nin: ['g1'] } }, ['r06', 'r07', 'r08', 'r09', 'r10', 'r11']],
    ['$exists', { 'summary_metrics.val_loss': { $exists: true } }, ['r00', 'r01', 'r02', 'r03']],
    ['$regex', { displayName: { $regex: '^run-1[01]$' } }, ['r10', 'r11']],
    ['$and', { $and: [{ state: 'finished' }, { 'config.batch': 16 }] }, ['r00', 'r06']],
    ['$or', { $or: [{ name: 'r01' }, { 'config.arch.layers': 12 }] }, ['r01', 'r11']],
    ['$nor', { $nor: [{ group: 'g1' }, { state: 'running' }] }, ['r06', 'r08', 'r09', 'r11']],
    ['tags', { tags: 'odd', state: 'finished' }, ['r03', 'r09']],
    ['tags $in', { tags: { $in: ['baseline'] }, group: 'g2' }, ['r06', 'r08', 'r10']],
    ['sweep', { $and: [{ sweep: 'sw1' }] }, ['r00', 'r01', 'r02', 'r03']],
  ];
  it.each(cases)('%s', async (_label, filters, expected) => {
    const api = testApi(testServer());
    const runs = api.runs('acme/mnist', { filters });
    expect(ids(await runs.toArray(all))).toEqual(expected);
    expect(await runs.length()).toBe(expected.length);
  });

  it('sends {} without filters and lists every run, oldest first', async () => {
    const runs = testApi(testServer()).runs('acme/mnist');
    expect(await runs.length()).toBe(MNIST_RUNS);
    expect(ids(await runs.toArray(all))[0]).toBe('r00');
  });

  it('rejects a filter that is not an object before any request', () => {
    const api = testApi(testServer());
    expect(() => api.runs('acme/mnist', { filters: 'state' as unknown as Record<string, unknown> })).toThrow(
      BadInputError,
    );
  });

  it('rejects an SQL-style order before any request', () => {
    const api = testApi(testServer());
    expect(() => api.runs('acme/mnist', { order: 'summary_metrics.acc desc' })).toThrow(
      "Invalid order 'summary_metrics.acc desc': one key, with the direction as a prefix: '-key' (descending) or '+key'",
    );
  });

  it('turns a filter the server refuses into a GraphQLError', async () => {
    const runs = testApi(testServer()).runs('acme/mnist', { filters: { state: { $bogus: 1 } } });
    const error = await runs.toArray(all).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphQLError);
    // runs and runCount both fail on it: the message says it once.
    expect((error as GraphQLError).errors.length).toBeGreaterThan(1);
    expect((error as GraphQLError).message).toBe('Unknown operator "$bogus" on field "state"');
  });

  it('says which project is missing', async () => {
    await expect(testApi(testServer()).runs('acme/nope').toArray(all)).rejects.toThrow(
      new NotFoundError('Could not find project acme/nope'),
    );
  });
});

describe('api.runs order', () => {
  const cases: Array<[string, string[]]> = [
    ['+created_at', ['r00', 'r01', 'r02']],
    ['-created_at', ['r11', 'r10', 'r09']],
    ['-createdAt', ['r11', 'r10', 'r09']],
    ['+summary_metrics.loss', ['r11', 'r10', 'r09']],
    ['-config.lr.value', ['r11', 'r10', 'r09']],
    ['+config.lr', ['r00', 'r01', 'r02']],
    ['+summary_metrics.val_loss', ['r01', 'r03', 'r00']],
  ];
  it.each(cases)('%s', async (order, firstThree) => {
    expect(ids(await testApi(testServer()).runs('acme/mnist', { order }).toArray({ limit: 3 }))).toEqual(
      firstThree,
    );
  });

  it('puts runs missing the sort value last', async () => {
    const sorted = ids(
      await testApi(testServer()).runs('acme/mnist', { order: '-summary_metrics.val_loss' }).toArray(all),
    );
    expect(sorted.slice(0, 4)).toEqual(['r02', 'r00', 'r03', 'r01']);
    expect(sorted).toHaveLength(MNIST_RUNS);
  });
});

describe('api.runs pagination', () => {
  it('pages with perPage and yields each run once', async () => {
    const api = testApi(testServer());
    const pages: string[][] = [];
    for await (const page of api.runs('acme/mnist', { perPage: 5 }).pages()) pages.push(ids(page));
    expect(pages.map((p) => p.length)).toEqual([5, 5, 2]);
    expect(pages.flat()).toEqual(Array.from({ length: MNIST_RUNS }, (_, i) => mnistRun(i).name));
  });

  it('neither repeats nor skips runs when runs are inserted between pages', async () => {
    const api = testApi(testServer());
    const seen: string[] = [];
    let inserted = 0;
    for await (const page of api.runs('acme/mnist', { perPage: 4, order: '+created_at' }).pages()) {
      seen.push(...ids(page));
      // One run sorting before the cursor and one after it.
      if (inserted === 0) {
        testServer().store.addRun({ ...mnistRun(50, 0), name: 'early', createdAt: '2024-05-01T09:00:00' });
        testServer().store.addRun({ ...mnistRun(51, 59), name: 'late' });
        inserted = 2;
      }
    }
    const original = Array.from({ length: MNIST_RUNS }, (_, i) => mnistRun(i).name);
    expect(seen.filter((id) => original.includes(id))).toEqual(original);
    expect(new Set(seen).size).toBe(seen.length);
    testServer().store.deleteRun(testServer().store.run('acme', 'mnist', 'early')!.id);
    testServer().store.deleteRun(testServer().store.run('acme', 'mnist', 'late')!.id);
  });

  it('stops fetching when the consumer breaks', async () => {
    const requests: string[] = [];
    const api = testApi(testServer(), { hooks: { request: (e) => requests.push(e.operationName) } });
    for await (const run of api.runs('acme/mnist', { perPage: 2 })) {
      expect(run.id).toBe('r00');
      break;
    }
    expect(requests.filter((op) => op === 'Runs').length).toBeLessThanOrEqual(2);
  });

  it('rejects a cursor that does not advance', async () => {
    const reply = JSON.stringify({
      data: {
        project: {
          internalId: '1',
          readOnly: false,
          runCount: 2,
          runs: { edges: [], pageInfo: { endCursor: null, hasNextPage: true } },
        },
      },
    });
    const api = testApi(testServer(), { fetch: () => Promise.resolve(new Response(reply)) });
    await expect(api.runs('acme/mnist').toArray(all)).rejects.toBeInstanceOf(PaginationError);
  });
});

describe('paths', () => {
  it('uses the default project and entity from options', async () => {
    const api = testApi(testServer(), { entity: 'acme', project: 'mnist' });
    expect((await api.run('r03')).name).toBe('run-3');
    expect(await api.runs('mnist').length()).toBe(MNIST_RUNS);
  });

  it('falls back to the viewer entity', async () => {
    const api = testApi(testServer());
    expect((await api.run('mnist/r04')).entity).toBe('acme');
    expect(await api.defaultEntity()).toBe('acme');
  });

  it.each(['', '/', 'a/b/c/d', 'acme/mnist:'])('rejects the bad run path %j', async (path) => {
    await expect(testApi(testServer()).run(path)).rejects.toBeInstanceOf(BadInputError);
  });
});

describe('signals', () => {
  it('stops a listing when its signal aborts mid-iteration, with the signal reason', async () => {
    const controller = new AbortController();
    const reason = new Error('enough');
    const seen: string[] = [];
    const outcome = await (async () => {
      for await (const run of testApi(testServer()).runs('acme/mnist', {
        perPage: 2,
        signal: controller.signal,
      })) {
        seen.push(run.id);
        if (seen.length === 3) controller.abort(reason);
      }
    })().catch((e: unknown) => e);
    expect(outcome).toBe(reason);
    expect(seen.length).toBeLessThan(MNIST_RUNS);
  });

  it('does not send a call whose signal already aborted', async () => {
    const requests: string[] = [];
    const api = testApi(testServer(), { hooks: { request: (e) => requests.push(e.operationName) } });
    const reason = new Error('never');
    await expect(api.run('acme/mnist/r00', { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(requests).toEqual([]);
  });
});
