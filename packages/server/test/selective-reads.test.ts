// Run.config(keys) and Run.summaryMetrics(keys): only the asked top-level keys, values as stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/index';
import { topLevelMembers } from '../src/util/json-top-level';
import { gql, startTestServer } from './helpers';

let server: RunningServer;
const CONFIG =
  '{"lr": {"value": 1.0, "desc": null}, "big": {"value": 12345678901234567890, "desc": "id"}, ' +
  '"_wandb": {"value": {"t": [1, {"x": "}"}]}}}';
const SUMMARY = '{"acc": 1.0, "loss": NaN, "best": -Infinity, "media": {"a": [1, 2, "]"]}, "s": "x\\"y"}';

beforeAll(async () => {
  server = await startTestServer();
  server.store.db
    .prepare("UPDATE runs SET config = ?, summary_metrics = ? WHERE name = 'run00000'")
    .run(CONFIG, SUMMARY);
});
afterAll(async () => {
  await server.close();
});

const RUN = `query($s: [String!], $c: [String!]) {
  project(name: "p", entityName: "e") { run(name: "run00000") { summaryMetrics(keys: $s) config(keys: $c) } }
}`;

async function read(
  s: string[] | null,
  c: string[] | null,
): Promise<{ summaryMetrics: string; config: string }> {
  const res = await gql(server, RUN, { s, c });
  expect(res.body.errors).toBeUndefined();
  return res.body.data.project.run;
}

describe('selective reads', () => {
  it('answers only the asked keys the run has, each value exactly as stored', async () => {
    const run = await read(['loss', 'acc', 'missing', 'media'], ['big', '_wandb']);
    expect(run.summaryMetrics).toBe('{"loss": NaN, "acc": 1.0, "media": {"a": [1, 2, "]"]}}');
    expect(run.config).toBe(
      '{"big": {"value": 12345678901234567890, "desc": "id"}, "_wandb": {"value": {"t": [1, {"x": "}"}]}}}',
    );
  });

  it('answers the whole text without keys, and an empty object for no keys or only unknown ones', async () => {
    expect(await read(null, null)).toEqual({ summaryMetrics: SUMMARY, config: CONFIG });
    expect(await read([], ['nope'])).toEqual({ summaryMetrics: '{}', config: '{}' });
  });

  it('projects every run of a listing', async () => {
    const res = await gql(
      server,
      `{ project(name: "p", entityName: "e") { runs(first: 3) { edges { node { name summaryMetrics(keys: ["acc"]) config(keys: ["lr"]) } } } } }`,
    );
    const nodes = res.body.data.project.runs.edges.map((e: { node: unknown }) => e.node);
    expect(nodes).toHaveLength(3);
    for (const node of nodes as { name: string; summaryMetrics: string; config: string }[]) {
      expect(Object.keys(JSON.parse(node.summaryMetrics))).toEqual(['acc']);
      expect(Object.keys(JSON.parse(node.config))).toEqual(['lr']);
    }
  });

  it('answers sampledHistory with several specs inside a runs listing (one list per spec per run)', async () => {
    const res = await gql(
      server,
      'query($specs: [JSONString!]!) { project(name: "p", entityName: "e") { runs(first: 2) { edges { node { name sampledHistory(specs: $specs) } } } } }',
      {
        specs: [
          JSON.stringify({ keys: ['_step', 'acc'], samples: 100 }),
          JSON.stringify({ keys: ['_step', 'loss'], samples: 100 }),
        ],
      },
    );
    const nodes = res.body.data.project.runs.edges.map((e: { node: unknown }) => e.node) as {
      sampledHistory: { _step: number }[][];
    }[];
    expect(nodes).toHaveLength(2);
    for (const node of nodes) {
      expect(node.sampledHistory.map((rows) => rows.map((row) => row._step))).toEqual([
        [0, 2, 4, 6, 8],
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
      ]);
    }
  });

  it('finds the raw text of each top-level member, strings with brackets and escapes included', () => {
    expect(topLevelMembers(SUMMARY)).toEqual(
      new Map([
        ['acc', '1.0'],
        ['loss', 'NaN'],
        ['best', '-Infinity'],
        ['media', '{"a": [1, 2, "]"]}'],
        ['s', '"x\\"y"'],
      ]),
    );
    expect(topLevelMembers(' { } ')).toEqual(new Map());
    expect(topLevelMembers('[1]')).toBeNull();
  });
});
