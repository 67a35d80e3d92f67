import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/index';
import { gql, startTestServer, testRun } from './helpers';

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer();
  const long = Array.from({ length: 2000 }, (_, step) => ({
    _step: step,
    loss: step,
    ...(step % 3 === 0 ? { val: step } : {}),
  }));
  server.store.addRun(testRun(10, { name: 'long', history: long }));
  // 60 keys: the ones past the 53rd have no mask bit and are filtered another way.
  const wide = Array.from({ length: 20 }, (_, step) => {
    const row: Record<string, unknown> = { _step: step };
    for (let k = 0; k < 60; k++) if (k < 55 || step % 2 === 0) row[`k${k}`] = step * k;
    return row;
  });
  server.store.addRun(testRun(11, { name: 'wide', history: wide }));
  server.store.addRun(testRun(12, { name: 'empty', history: [], events: [] }));
});
afterAll(() => server.close());

function runQuery(run: string, field: string): string {
  return `{ project(name: "p", entityName: "e") { run(name: "${run}") { ${field} } } }`;
}

async function field(
  run: string,
  selection: string,
  name = selection.split('(')[0] as string,
): Promise<unknown> {
  const res = await gql(server, runQuery(run, selection));
  expect(res.body.errors).toBeUndefined();
  return res.body.data.project.run[name];
}

const steps = (rows: unknown): number[] =>
  (rows as string[]).map((r) => (JSON.parse(r) as { _step: number })._step);

describe('history', () => {
  it('returns rows with minStep <= _step < maxStep (exclusive maxStep), as JSON text', async () => {
    expect(steps(await field('run00000', 'history(minStep: 0, maxStep: 4, samples: 4)'))).toEqual([
      0, 1, 2, 3,
    ]);
    expect(steps(await field('run00000', 'history(minStep: 8, maxStep: 10, samples: 4)'))).toEqual([8, 9]);
    expect(steps(await field('run00000', 'history(minStep: 10, maxStep: 20, samples: 4)'))).toEqual([]);
    const rows = (await field('run00000', 'history(minStep: 0, maxStep: 1, samples: 1)')) as string[];
    expect(JSON.parse(rows[0] as string)).toMatchObject({ _step: 0, loss: 1, _runtime: 0 });
  });

  it('returns every row when they fit in samples', async () => {
    expect(steps(await field('run00000', 'history(samples: 500)'))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('down-samples deterministically, keeping the first and last rows', async () => {
    const a = steps(await field('long', 'history(samples: 100)'));
    const b = steps(await field('long', 'history(samples: 100)'));
    expect(a).toHaveLength(100);
    expect(a[0]).toBe(0);
    expect(a.at(-1)).toBe(1999);
    expect([...a].sort((x, y) => x - y)).toEqual(a);
    expect(b).toEqual(a);
  });

  it('pages a long history by step range', async () => {
    const page = steps(await field('long', 'history(minStep: 1000, maxStep: 2000, samples: 1000)'));
    expect(page).toHaveLength(1000);
    expect(page[0]).toBe(1000);
    expect(page.at(-1)).toBe(1999);
  });

  it('returns system metrics rows from events', async () => {
    const rows = (await field('run00000', 'events(samples: 10)')) as string[];
    expect(rows.map((r) => JSON.parse(r)['system.cpu'])).toEqual([10, 20]);
    expect(await field('empty', 'events(samples: 10)')).toEqual([]);
  });

  it('appends rows to a run, a repeated step replacing the stored row', async () => {
    const run = server.store.addRun(testRun(13, { name: 'grow', history: [{ _step: 0, loss: 1 }] }));
    server.store.appendHistory(run.id, [
      { loss: 0.5 },
      { _step: 0, loss: 0.9 },
      { _step: 5, loss: 0.1 },
      { _step: 3, loss: 0.3 },
      { _step: 5, loss: 0.2 },
    ]);
    expect(steps(await field('grow', 'history(samples: 10)'))).toEqual([0, 1, 3, 5]);
    expect(await field('grow', 'historyLineCount')).toBe(4);
    const first = (await field('grow', 'history(minStep: 0, maxStep: 1)')) as string[];
    expect(JSON.parse(first[0] as string).loss).toBe(0.9);
    expect(((await field('grow', 'historyKeys')) as { lastStep: number }).lastStep).toBe(5);
  });

  it('reports historyKeys with lastStep, and none for an empty history', async () => {
    const keys = (await field('long', 'historyKeys')) as { lastStep: number; keys: Record<string, unknown> };
    expect(keys.lastStep).toBe(1999);
    expect(Object.keys(keys.keys).sort()).toEqual(['_step', 'loss', 'val']);
    expect(await field('empty', 'historyKeys')).toEqual({ keys: {} });
    expect(await field('empty', 'historyLineCount')).toBe(0);
  });
});

describe('sampledHistory', () => {
  it('keeps only rows having every key, reduced to those keys, with an inclusive maxStep', async () => {
    const out = (await field(
      'run00000',
      'sampledHistory(specs: ["{\\"keys\\": [\\"_step\\", \\"acc\\"], \\"minStep\\": 0, \\"maxStep\\": 4, \\"samples\\": 10}"])',
    )) as Record<string, unknown>[][];
    expect(out).toHaveLength(1);
    expect(out[0]).toEqual([
      { _step: 0, acc: 0 },
      { _step: 2, acc: 0.2 },
      { _step: 4, acc: 0.4 },
    ]);
  });

  it('returns only the keys asked for (no _step unless asked)', async () => {
    const out = (await field(
      'run00000',
      'sampledHistory(specs: ["{\\"keys\\": [\\"loss\\"], \\"minStep\\": 0, \\"maxStep\\": 2, \\"samples\\": 3}"])',
    )) as Record<string, unknown>[][];
    expect(out[0]).toEqual([{ loss: 1 }, { loss: 0.5 }, { loss: 1 / 3 }]);
  });

  it('answers one list per spec, and an empty list for a key the run never logged', async () => {
    const res = await gql(
      server,
      'query($specs: [JSONString!]!) { project(name: "p", entityName: "e") { run(name: "run00000") { sampledHistory(specs: $specs) } } }',
      {
        specs: [
          JSON.stringify({ keys: ['_step', 'loss'], samples: 10 }),
          JSON.stringify({ keys: ['nope'], samples: 10 }),
        ],
      },
    );
    const [first, second] = res.body.data.project.run.sampledHistory;
    expect(first).toHaveLength(10);
    expect(second).toEqual([]);
  });

  it('down-samples rows having all keys, keeping the first and the last', async () => {
    const res = await gql(
      server,
      'query($specs: [JSONString!]!) { project(name: "p", entityName: "e") { run(name: "long") { sampledHistory(specs: $specs) } } }',
      { specs: [JSON.stringify({ keys: ['_step', 'val'], samples: 50 })] },
    );
    const rows = res.body.data.project.run.sampledHistory[0] as { _step: number; val: number }[];
    expect(rows).toHaveLength(50);
    expect(rows[0]).toEqual({ _step: 0, val: 0 });
    expect(rows.at(-1)).toEqual({ _step: 1998, val: 1998 });
    expect(rows.every((r) => r._step % 3 === 0)).toBe(true);
  });

  it('filters on keys beyond the first 53 of a run', async () => {
    const res = await gql(
      server,
      'query($specs: [JSONString!]!) { project(name: "p", entityName: "e") { run(name: "wide") { sampledHistory(specs: $specs) } } }',
      { specs: [JSON.stringify({ keys: ['_step', 'k58', 'k1'], samples: 100 })] },
    );
    const rows = res.body.data.project.run.sampledHistory[0] as { _step: number }[];
    expect(rows.map((r) => r._step)).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
  });

  it('answers a malformed spec with a clear error', async () => {
    const res = await gql(
      server,
      'query($specs: [JSONString!]!) { project(name: "p", entityName: "e") { run(name: "run00000") { sampledHistory(specs: $specs) } } }',
      { specs: ['{keys:'] },
    );
    expect(res.body.errors[0].message).toMatch(/spec is not valid JSON/);
  });
});

describe('sampledHistory inside a runs listing', () => {
  const listing = `query($specs: [JSONString!]!, $first: Int, $after: String) {
    project(name: "p", entityName: "e") { runs(first: $first, after: $after, order: "+created_at") {
      edges { node { name sampledHistory(specs: $specs) history(samples: 7) } } pageInfo { endCursor hasNextPage } } } }`;
  const specs = [
    JSON.stringify({ keys: ['_step', 'loss'], samples: 50 }),
    JSON.stringify({ keys: ['_step', 'val'], samples: 5, minStep: 10 }),
  ];

  it('answers, run by run and page by page, what each run answers alone', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const res = await gql(server, listing, { specs, first: 2, after });
      expect(res.body.errors).toBeUndefined();
      const runs = res.body.data.project.runs as {
        edges: { node: { name: string; sampledHistory: unknown; history: unknown } }[];
        pageInfo: { endCursor: string | null; hasNextPage: boolean };
      };
      expect(runs.edges.length).toBeLessThanOrEqual(2);
      for (const { node } of runs.edges) {
        const alone = await gql(
          server,
          `query($specs: [JSONString!]!) { project(name: "p", entityName: "e") { run(name: "${node.name}") { sampledHistory(specs: $specs) history(samples: 7) } } }`,
          { specs },
        );
        expect(node.sampledHistory).toEqual(alone.body.data.project.run.sampledHistory);
        expect(node.history).toEqual(alone.body.data.project.run.history);
        seen.push(node.name);
      }
      if (!runs.pageInfo.hasNextPage) break;
      after = runs.pageInfo.endCursor;
    }
    expect(seen).toEqual(expect.arrayContaining(['long', 'wide', 'empty', 'run00000']));
    const long = (await gql(server, listing, { specs, first: 50 })).body.data.project.runs.edges.find(
      (e: { node: { name: string } }) => e.node.name === 'long',
    );
    expect(long.node.sampledHistory[0]).toHaveLength(50);
    expect(long.node.sampledHistory[1]).toHaveLength(5);
  });
});
