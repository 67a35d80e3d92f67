import { describe, expect, it } from 'vitest';
import { fakeGraphQL, runNode } from '../../test/helpers/fake-graphql';
import { Api } from '../api/api';

const KEY = 'k'.repeat(40);

function fakeRun(lastStep: number) {
  return fakeGraphQL({
    Run: () => ({ body: { data: { project: { run: runNode() } } } }),
    RunHistoryKeys: () => ({ body: { data: { project: { run: { historyKeys: { lastStep } } } } } }),
    HistoryPage: (v) => {
      const rows = [];
      for (let step = v['minStep'] as number; step < (v['maxStep'] as number); step++)
        rows.push(`{"_step":${step}}`);
      return { body: { data: { project: { run: { history: rows } } } } };
    },
    SampledHistoryPage: (v) => {
      const spec = JSON.parse(v['spec'] as string) as { minStep: number; maxStep: number };
      const rows = [];
      for (let step = spec.minStep; step <= spec.maxStep; step++) rows.push({ _step: step, loss: step });
      return { body: { data: { project: { run: { sampledHistory: [rows] } } } } };
    },
  });
}

describe('scanHistory on the wire (the page path)', () => {
  it('sends exclusive step windows to HistoryPage', async () => {
    const fake = fakeRun(24);
    const run = await new Api({ fetch: fake.fetch, apiKey: KEY, cache: false }).run('e/p/r');
    await run.scanHistory({ source: 'pages', pageSize: 10 }).toArray({ limit: Infinity });
    const pages = fake.seen.filter((r) => r.operation === 'HistoryPage').map((r) => r.variables);
    expect(pages).toEqual([
      { entity: 'e', project: 'p', run: 'r', minStep: 0, maxStep: 10, pageSize: 10 },
      { entity: 'e', project: 'p', run: 'r', minStep: 10, maxStep: 20, pageSize: 10 },
      { entity: 'e', project: 'p', run: 'r', minStep: 20, maxStep: 25, pageSize: 10 },
    ]);
  });

  it('sends an inclusive maxStep and adds _step for key scans', async () => {
    const fake = fakeRun(14);
    const run = await new Api({ fetch: fake.fetch, apiKey: KEY, cache: false }).run('e/p/r');
    const rows = await run
      .scanHistory({ source: 'pages', keys: ['loss'], pageSize: 10 })
      .toArray({ limit: Infinity });
    expect(rows.map((row) => row['_step'])).toEqual([...Array(15).keys()]);
    const specs = fake.seen
      .filter((r) => r.operation === 'SampledHistoryPage')
      .map((r) => JSON.parse(r.variables['spec'] as string));
    expect(specs).toEqual([
      { keys: ['_step', 'loss'], minStep: 0, maxStep: 9, samples: 10 },
      { keys: ['_step', 'loss'], minStep: 10, maxStep: 14, samples: 10 },
    ]);
  });

  it('keeps no page in the response cache: a second scan asks the server again', async () => {
    const fake = fakeRun(14);
    const run = await new Api({ fetch: fake.fetch, apiKey: KEY }).run('e/p/r');
    for (const keys of [undefined, ['loss']]) {
      await run.scanHistory({ source: 'pages', keys, pageSize: 10 }).toArray({ limit: Infinity });
      await run.scanHistory({ source: 'pages', keys, pageSize: 10 }).toArray({ limit: Infinity });
    }
    const pages = fake.seen.filter(
      (r) => r.operation === 'HistoryPage' || r.operation === 'SampledHistoryPage',
    );
    expect(pages).toHaveLength(8);
  });
});
