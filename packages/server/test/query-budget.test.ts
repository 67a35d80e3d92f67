import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_QUERY_TOKENS, startServer, type RunningServer } from '../src/index';
import { KEY, gql, historyRows, testDataset, testRun } from './helpers';

// Every GraphQL query has a time budget (queryBudgetMs), whatever makes it expensive: each
// resolver checks it and hands the event loop back every few milliseconds, so a costly query
// answers one clear error at its budget and other requests are served while it runs.
const BUDGET_MS = 100;
const RUNS = 2_000;
const HISTORY = 5_000;
const FILES = 1_000;

let server: RunningServer;
let strict: RunningServer;

beforeAll(async () => {
  server = await startServer({ dataset: testDataset(2), apiKeys: [KEY] });
  server.store.transaction(() => {
    for (let i = 0; i < RUNS; i++) {
      server.store.addRun(
        testRun(i, {
          project: 'wide',
          name: `wide${i}`,
          config: { lr: { value: i % 97, desc: null }, tag: { value: `t${i % 13}`, desc: null } },
          history: [],
          events: [],
          files: [],
        }),
      );
    }
    server.store.addRun(
      testRun(0, {
        project: 'long',
        name: 'long',
        history: historyRows(HISTORY),
        files: Array.from({ length: FILES }, (_, i) => ({
          name: `media/f${i}.txt`,
          mimetype: 'text/plain',
          bytes: Buffer.from(`file ${i}\n`),
          updatedAt: '2024-01-01T10:05:00',
        })),
      }),
    );
  });
  // The same store behind a server with a small budget.
  strict = await startServer({ store: server.store, apiKeys: [KEY], queryBudgetMs: BUDGET_MS });
});
afterAll(async () => {
  await strict?.close();
  await server?.close();
});

/** `n` aliased copies of `field` in one query: one request asking for a lot. */
function aliased(n: number, field: string): string {
  return `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
}

// None has a `$regex`: each is expensive through what it asks, not through its filter.
const EXPENSIVE: [string, string][] = [
  [
    'history pages',
    // 40 pages of 5,000 rows: each is a few milliseconds of SQLite and text, so ten could fit
    // within the 100 ms budget on a fast run; forty cannot.
    aliased(40, 'project(name: "long", entityName: "e") { run(name: "long") { history(samples: 5000) } }'),
  ],
  [
    'sampled history',
    aliased(
      40,
      'project(name: "long", entityName: "e") { run(name: "long") { sampledHistory(specs: ["{\\"keys\\": [\\"acc\\"], \\"samples\\": 5000}"]) } }',
    ),
  ],
  [
    'runs listings with filters and orders',
    aliased(
      3,
      `project(name: "wide", entityName: "e") { runs(first: 1000, order: "-config.lr",
        filters: "{\\"$or\\": [{\\"config.lr\\": {\\"$gte\\": 3}}, {\\"config.tag\\": {\\"$in\\": [\\"t1\\", \\"t2\\"]}}]}")
        { edges { node { name config summaryMetrics tags } } } }`,
    ),
  ],
  [
    'file listings',
    aliased(
      4,
      'project(name: "long", entityName: "e") { run(name: "long") { files(first: 1000, pattern: "media/%") { edges { node { name md5 sizeBytes url } } } } }',
    ),
  ],
];

describe('the time budget of every query (queryBudgetMs)', () => {
  it.each(EXPENSIVE)('%s: answered in full without a budget', async (_name, query) => {
    const res = await gql(server, query);
    expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
    expect(Object.keys(res.body.data)).toHaveLength((query.match(/ a\d+: /g) ?? []).length);
  });

  it.each(EXPENSIVE)(
    '%s: one clear error at the budget, while a plain query is answered meanwhile',
    async (_name, query) => {
      const order: string[] = [];
      const expensive = gql(strict, query).then((res) => {
        order.push('expensive');
        return res;
      });
      const plain = gql(strict, '{ viewer { username } }').then((res) => {
        order.push('plain');
        return res;
      });
      const [expensiveRes, plainRes] = await Promise.all([expensive, plain]);
      expect(plainRes.body.data.viewer.username).toBe('ada');
      expect(expensiveRes.status).toBe(200);
      expect(expensiveRes.body.errors).toEqual([
        expect.objectContaining({
          message: expect.stringMatching(
            new RegExp(`^The query took longer than its time budget of ${BUDGET_MS} ms \\(queryBudgetMs\\)`),
          ),
        }),
      ]);
      expect(order).toEqual(['plain', 'expensive']);
    },
  );

  it(`refuses a document of more than ${MAX_QUERY_TOKENS} tokens before parsing it all (MAX_QUERY_TOKENS)`, async () => {
    const res = await gql(strict, aliased(MAX_QUERY_TOKENS, 'viewer { username }'));
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toBe(
      `The query has more than ${MAX_QUERY_TOKENS} tokens (MAX_QUERY_TOKENS)`,
    );
  });

  it('leaves mutations whole (they have no budget)', async () => {
    const res = await gql(
      strict,
      `mutation { upsertBucket(input: { entityName: "e", modelName: "p", name: "run00001", notes: "kept" }) { bucket { name notes } } }`,
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.upsertBucket.bucket.notes).toBe('kept');
  });
});
