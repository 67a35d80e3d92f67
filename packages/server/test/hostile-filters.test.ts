import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MAX_FILTER_DEPTH,
  MAX_FILTER_LENGTH,
  MAX_FILTER_OPERATORS,
  MAX_REGEX_LENGTH,
  startServer,
  type RunningServer,
} from '../src/index';
import { KEY, gql, testDataset, testRun } from './helpers';

// The attack of issue 12: `(a+)+$` against 40-character names of `a`s (catastrophic for a
// backtracking engine), over enough runs that even a linear engine takes a while.
const HOSTILE = { displayName: { $regex: '(a+)+$' } };
const HOSTILE_RUNS = 6_000;

const RUNS = `query Runs($filters: JSONString) {
  project(name: "big", entityName: "e") { runCount(filters: $filters)
    runs(filters: $filters, first: 5) { edges { node { name displayName } } } } }`;

let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ dataset: testDataset(2), apiKeys: [KEY] });
  server.store.transaction(() => {
    for (let i = 0; i < HOSTILE_RUNS; i++) {
      server.store.addRun(
        testRun(i, {
          project: 'big',
          name: `big${i}`,
          // Every third name ends in `b`, so `(a+)+$` fails on it only after trying every split.
          displayName: 'a'.repeat(40) + (i % 3 === 0 ? 'b' : ''),
          history: [],
          events: [],
          files: [],
        }),
      );
    }
  });
});
afterAll(() => server.close());

/** A filter of `levels` nested `$and`s as JSON text (built as text: JSON.stringify would recurse). */
function nested(levels: number): string {
  return `${'{"$and":['.repeat(levels)}{"state":"finished"}${']}'.repeat(levels)}`;
}

async function errorOf(filters: string): Promise<string> {
  const res = await gql(server, RUNS, { filters });
  expect(res.status).toBe(200);
  // runCount and runs both answer the error.
  const messages = new Set((res.body.errors as { message: string }[]).map((e) => e.message));
  expect(messages.size).toBe(1);
  return res.body.errors[0].message as string;
}

describe('a hostile $regex', () => {
  it('answers with the right runs (RE2 semantics, linear time)', async () => {
    const res = await gql(server, RUNS, { filters: JSON.stringify(HOSTILE) });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.project.runCount).toBe(HOSTILE_RUNS - HOSTILE_RUNS / 3);
    expect(res.body.data.project.runs.edges).toHaveLength(5);
  });

  it('does not stop other requests from being served while it runs', async () => {
    const order: string[] = [];
    // A different filter each time, so that no cached match set answers it at once.
    const hostile = gql(server, RUNS, {
      filters: JSON.stringify({ $or: [HOSTILE, { displayName: { $regex: '(a|aa)+$' } }] }),
    }).then((res) => {
      order.push('hostile');
      return res;
    });
    const plain = gql(server, '{ viewer { username } }').then((res) => {
      order.push('plain');
      return res;
    });
    const [hostileRes, plainRes] = await Promise.all([hostile, plain]);
    expect(plainRes.body.data.viewer.username).toBe('ada');
    expect(hostileRes.body.data.project.runCount).toBe(HOSTILE_RUNS - HOSTILE_RUNS / 3);
    expect(order).toEqual(['plain', 'hostile']);
  });

  it('answers a clear error past the query budget, and the server keeps serving', async () => {
    const strict = await startServer({ store: server.store, apiKeys: [KEY], queryBudgetMs: 50 });
    try {
      // Several patterns over every name: far more than 50 ms of matching.
      const filter = {
        $or: ['a+b$', '(a|aa)+c$', '(aa|a)+d$', 'a*a*a*e$'].map(($regex) => ({ displayName: { $regex } })),
      };
      const res = await gql(strict, RUNS, { filters: JSON.stringify(filter) });
      expect(res.body.errors).toHaveLength(1);
      expect(res.body.errors[0].message).toMatch(/time budget of 50 ms \(queryBudgetMs\)/);
      const after = await gql(strict, '{ viewer { username } }');
      expect(after.body.data.viewer.username).toBe('ada');
    } finally {
      await strict.close();
    }
  });
});

describe('filter limits', () => {
  it('answers a filter nested 5,000 deep with the depth limit, not an internal error', async () => {
    const message = await errorOf(nested(5_000));
    expect(message).toMatch(new RegExp(`deeper than ${MAX_FILTER_DEPTH} levels \\(MAX_FILTER_DEPTH\\)`));
  });

  it('accepts a filter at the depth limit', async () => {
    // nested(n) has depth 2n + 2 (each $and adds an object and an array).
    const res = await gql(server, RUNS, { filters: nested((MAX_FILTER_DEPTH - 2) / 2) });
    expect(res.body.errors).toBeUndefined();
  });

  it('names the operator, length and pattern limits', async () => {
    const many = { $and: Array.from({ length: MAX_FILTER_OPERATORS + 1 }, () => ({ state: { $ne: 'x' } })) };
    expect(await errorOf(JSON.stringify(many))).toMatch(/MAX_FILTER_OPERATORS/);
    const long = JSON.stringify({ name: 'x'.repeat(MAX_FILTER_LENGTH) });
    expect(await errorOf(long)).toMatch(
      new RegExp(`the limit is ${MAX_FILTER_LENGTH} \\(MAX_FILTER_LENGTH\\)`),
    );
    const pattern = JSON.stringify({ name: { $regex: 'a'.repeat(MAX_REGEX_LENGTH + 1) } });
    expect(await errorOf(pattern)).toMatch(/MAX_REGEX_LENGTH/);
  });

  it('rejects what RE2 cannot run in linear time (back-references) as an invalid pattern', async () => {
    expect(await errorOf(JSON.stringify({ name: { $regex: '(a)\\1' } }))).toMatch(/not a valid RE2/);
  });
});
