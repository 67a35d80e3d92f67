import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/index';
import { gql, startTestServer, testRun } from './helpers';

let server: RunningServer;

const RUNS = [
  testRun(0, {
    project: 'f',
    name: 'r0',
    displayName: 'alpha-one',
    state: 'finished',
    tags: ['a', 'b'],
    group: 'g1',
    sweep: 's1',
    createdAt: '2024-01-01T00:00:00',
    config: { lr: { value: 0.1, desc: null }, bs: { value: 32, desc: null } },
    summary: { loss: 0.3, acc: 0.9 },
  }),
  testRun(1, {
    project: 'f',
    name: 'r1',
    displayName: 'beta-two',
    state: 'crashed',
    tags: ['a'],
    group: null,
    sweep: null,
    createdAt: '2024-01-02T00:00:00',
    config: { lr: { value: 0.01, desc: null }, bs: { value: 64, desc: null } },
    summary: { loss: 0.5, acc: 0.8 },
  }),
  testRun(2, {
    project: 'f',
    name: 'r2',
    displayName: 'gamma',
    state: 'finished',
    tags: [],
    group: null,
    sweep: null,
    createdAt: '2024-01-03T00:00:00',
    config: { lr: { value: 0.001, desc: null }, bs: { value: 32, desc: null } },
    summary: { acc: 0.7 },
  }),
  testRun(3, {
    project: 'f',
    name: 'r3',
    displayName: 'alpha-two',
    state: 'running',
    tags: ['b', 'c'],
    group: 'g2',
    sweep: 's1',
    createdAt: '2024-01-04T00:00:00',
    config: { lr: { value: 0.1, desc: null }, bs: { value: 128, desc: null } },
    summary: { loss: 0.1, acc: 0.95, nested: { val: { x: 1 } } },
  }),
];

beforeAll(async () => {
  server = await startTestServer();
  for (const run of RUNS) server.store.addRun(run);
});
afterAll(() => server.close());

const QUERY = `query Runs($filters: JSONString, $order: String, $cursor: String, $perPage: Int) {
  project(name: "f", entityName: "e") { runCount(filters: $filters)
    runs(filters: $filters, order: $order, after: $cursor, first: $perPage) { edges { node { name } cursor } pageInfo { endCursor hasNextPage } } } }`;

async function names(filters: unknown, order: string | null = '+created_at'): Promise<string[]> {
  const res = await gql(server, QUERY, { filters: JSON.stringify(filters), order, perPage: 100 });
  expect(res.body.errors).toBeUndefined();
  const project = res.body.data.project;
  const out = project.runs.edges.map((e: { node: { name: string } }) => e.node.name);
  expect(project.runCount).toBe(out.length);
  return out;
}

describe('filters end to end (every operator)', () => {
  const cases: [string, unknown, string[]][] = [
    ['implicit equality', { state: 'finished' }, ['r0', 'r2']],
    ['$eq', { state: { $eq: 'crashed' } }, ['r1']],
    ['$ne (matches missing)', { 'summary_metrics.loss': { $ne: 0.3 } }, ['r1', 'r2', 'r3']],
    ['$gt', { 'config.lr': { $gt: 0.01 } }, ['r0', 'r3']],
    ['$gte', { 'config.lr': { $gte: 0.01 } }, ['r0', 'r1', 'r3']],
    ['$lt (never matches missing)', { 'summary_metrics.loss': { $lt: 0.4 } }, ['r0', 'r3']],
    ['$lte', { 'summary_metrics.loss': { $lte: 0.5 } }, ['r0', 'r1', 'r3']],
    ['$in', { state: { $in: ['crashed', 'running'] } }, ['r1', 'r3']],
    ['$nin', { state: { $nin: ['crashed', 'running'] } }, ['r0', 'r2']],
    ['$exists true', { 'summary_metrics.loss': { $exists: true } }, ['r0', 'r1', 'r3']],
    ['$exists false', { 'summary_metrics.loss': { $exists: false } }, ['r2']],
    ['$regex', { displayName: { $regex: '^alpha' } }, ['r0', 'r3']],
    ['$and', { $and: [{ state: 'finished' }, { 'config.bs': 32 }] }, ['r0', 'r2']],
    ['$or', { $or: [{ state: 'crashed' }, { 'config.bs': 128 }] }, ['r1', 'r3']],
    ['$nor', { $nor: [{ state: 'crashed' }, { 'config.bs': 128 }] }, ['r0', 'r2']],
    ['$not', { 'config.lr': { $not: { $gt: 0.01 } } }, ['r1', 'r2']],
    ['$contains', { displayName: { $contains: 'two' } }, ['r1', 'r3']],
    ['$all on tags', { tags: { $all: ['a', 'b'] } }, ['r0']],
    ['$size on tags', { tags: { $size: 2 } }, ['r0', 'r3']],
    ['tags equality', { tags: 'a' }, ['r0', 'r1']],
    ['tags $in', { tags: { $in: ['c', 'zzz'] } }, ['r3']],
    ['config.K.value', { 'config.bs.value': 64 }, ['r1']],
    ['summary. alias', { 'summary.acc': { $gte: 0.9 } }, ['r0', 'r3']],
    ['nested summary path', { 'summary_metrics.nested.val.x': 1 }, ['r3']],
    ['sweep', { $and: [{ sweep: 's1' }] }, ['r0', 'r3']],
    ['display_name alias', { display_name: 'gamma' }, ['r2']],
    ['group', { group: 'g2' }, ['r3']],
    [
      'createdAt range',
      { createdAt: { $gte: '2024-01-02T00:00:00', $lt: '2024-01-04T00:00:00' } },
      ['r1', 'r2'],
    ],
    ['no cross-type coercion', { 'config.bs': '32' }, []],
    ['empty filter', {}, ['r0', 'r1', 'r2', 'r3']],
    ['history key index', { 'keys_info.keys.acc': { $exists: true } }, ['r0', 'r1', 'r2', 'r3']],
    ['history key never logged', { 'keys_info.keys.nope': { $exists: true } }, []],
  ];
  it.each(cases)('%s', async (_label, filter, expected) => {
    expect(await names(filter)).toEqual(expected);
  });
});

describe('order strings', () => {
  it.each([
    ['+created_at', ['r0', 'r1', 'r2', 'r3']],
    ['-created_at', ['r3', 'r2', 'r1', 'r0']],
    ['+createdAt', ['r0', 'r1', 'r2', 'r3']],
    ['+summary_metrics.loss', ['r3', 'r0', 'r1', 'r2']],
    ['-summary_metrics.loss', ['r1', 'r0', 'r3', 'r2']],
    ['-config.bs.value', ['r3', 'r1', 'r2', 'r0']], // ties follow the order's direction on createdAt
    ['+config.lr', ['r2', 'r1', 'r0', 'r3']],
  ])('%s', async (order, expected) => {
    expect(await names({}, order)).toEqual(expected);
  });

  it('uses -createdAt for a null order', async () => {
    expect(await names({}, null)).toEqual(['r3', 'r2', 'r1', 'r0']);
  });
});

describe('bad input', () => {
  it('answers a bad filter with a clear GraphQL error and keeps serving', async () => {
    const bad = await gql(server, QUERY, { filters: JSON.stringify({ state: { $bogus: 1 } }), perPage: 5 });
    expect(bad.status).toBe(200);
    expect(bad.body.errors[0].message).toContain('$bogus');
    expect(bad.body.errors[0].message).not.toMatch(/SELECT|sqlite/i);
    const notJson = await gql(server, QUERY, { filters: '{state:', perPage: 5 });
    expect(notJson.body.errors[0].message).toMatch(/filters is not valid JSON/);
    expect(await names({ state: 'crashed' })).toEqual(['r1']);
  });

  it('answers a bad order string and a forged cursor with clear errors', async () => {
    const order = await gql(server, QUERY, { order: '+', perPage: 5 });
    expect(order.body.errors[0].message.length).toBeGreaterThan(0);
    const forged = Buffer.from(JSON.stringify({ o: 'x', k: [], c: 'x', i: 1 })).toString('base64url');
    const cursor = await gql(server, QUERY, { cursor: forged, perPage: 5 });
    expect(cursor.body.errors[0].message).toMatch(/cursor/i);
  });

  it('ends the listing with an empty page for a cursor it never made', async () => {
    const res = await gql(server, QUERY, { cursor: 'c1', perPage: 5 });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.project.runs).toEqual({
      edges: [],
      pageInfo: { endCursor: null, hasNextPage: false },
    });
  });
});

describe('pagination', () => {
  it('pages with no duplicates and no misses while runs are inserted concurrently', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let inserted = 0;
    for (;;) {
      const res = await gql(server, QUERY, { filters: '{}', order: '+created_at', cursor, perPage: 1 });
      const conn = res.body.data.project.runs;
      seen.push(...conn.edges.map((e: { node: { name: string } }) => e.node.name));
      // A run created "earlier" than everything and one "later" appear while the listing is under way.
      server.store.addRun(
        testRun(100 + inserted, { project: 'f', name: `early${inserted}`, createdAt: '2023-01-01T00:00:00' }),
      );
      inserted += 1;
      if (!conn.pageInfo.hasNextPage) break;
      expect(conn.pageInfo.endCursor).toBe(conn.edges.at(-1).cursor);
      cursor = conn.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    for (const name of ['r0', 'r1', 'r2', 'r3']) expect(seen).toContain(name);
    for (let i = 0; i < inserted; i++) server.store.deleteRun(server.store.run('e', 'f', `early${i}`)!.id);
  });

  it('keeps page boundaries stable for ties in the sort value', async () => {
    const first = await gql(server, QUERY, { filters: '{}', order: '+config.lr', perPage: 2 });
    const page1 = first.body.data.project.runs;
    const second = await gql(server, QUERY, {
      filters: '{}',
      order: '+config.lr',
      perPage: 2,
      cursor: page1.pageInfo.endCursor,
    });
    const all = [...page1.edges, ...second.body.data.project.runs.edges].map(
      (e: { node: { name: string } }) => e.node.name,
    );
    expect(all).toEqual(['r2', 'r1', 'r0', 'r3']);
  });
});
