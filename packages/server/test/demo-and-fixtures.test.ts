import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_KEY, startServer, type RunningServer } from '../src/index';
import { basic, gql } from './helpers';

describe('startServer({ demo })', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ demo: { largeFileBytes: 200_000 } });
  });
  afterAll(() => server.close());

  it('returns the demo API key and answers for the demo user', async () => {
    expect(server.apiKey).toBe(DEMO_API_KEY);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await gql(server, '{ viewer { username entity } }', {}, { key: server.apiKey });
    expect(res.body.data.viewer).toEqual({ username: 'demo', entity: 'demo' });
  });

  it('serves the demo projects, runs, sweep best loss, report and files', async () => {
    const key = { key: server.apiKey };
    const res = await gql(
      server,
      `{ models(entityName: "demo") { edges { node { name } } }
         project(name: "mnist", entityName: "demo") { runCount
           runs(first: 100, filters: "{\\"state\\": \\"crashed\\"}") { edges { node { name summaryMetrics } } }
           sweeps { edges { node { name bestLoss config runCount } } }
           allViews(viewType: "runs") { edges { node { displayName spec } } } } }`,
      {},
      key,
    );
    expect(res.body.errors).toBeUndefined();
    const project = res.body.data.project;
    expect(res.body.data.models.edges.map((e: { node: { name: string } }) => e.node.name)).toContain('mnist');
    expect(project.runCount).toBeGreaterThan(0);
    expect(project.runs.edges.length).toBeGreaterThan(0);
    expect(project.runs.edges[0].node.summaryMetrics).toContain('NaN');
    const sweep = project.sweeps.edges[0].node;
    expect(sweep.config).toContain('val_loss');
    expect(typeof sweep.bestLoss).toBe('number');
    expect(project.allViews.edges.length).toBeGreaterThan(0);
  });

  it('serves the large demo file streamed with its size', async () => {
    const find = await gql(
      server,
      `{ project(name: "mnist", entityName: "demo") { runs(first: 100, order: "+created_at") { edges { node { name
          files(pattern: "checkpoint-large%") { edges { node { url sizeBytes } } } } } } } }`,
      {},
      { key: server.apiKey },
    );
    const files = find.body.data.project.runs.edges.flatMap(
      (e: { node: { files: { edges: { node: { url: string; sizeBytes: number } }[] } } }) =>
        e.node.files.edges,
    );
    expect(files).toHaveLength(1);
    const { url, sizeBytes } = files[0].node;
    expect(sizeBytes).toBe(200_000);
    const res = await fetch(url, { headers: { Authorization: basic(server.apiKey) } });
    expect((await res.arrayBuffer()).byteLength).toBe(200_000);
  });
});

describe('startServer({ fixture, dataPath })', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wbapi-server-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const key = 'fixture-ada-key-00000000000000000000000000';
  const fixture = {
    users: [{ username: 'ada', name: 'Ada Lovelace', apiKey: key }],
    runs: [
      {
        entity: 'ada',
        project: 'mnist',
        name: 'k3j2h1g0',
        history: [{ loss: 0.9 }, { loss: 0.5 }],
        files: [{ name: 'output.log', text: 'epoch 1 done\n' }],
      },
    ],
  };

  it('loads a JSON fixture file and keeps the data in a SQLite file across restarts', async () => {
    const fixturePath = join(dir, 'fixture.json');
    writeFileSync(fixturePath, JSON.stringify(fixture));
    const dataPath = join(dir, 'data.sqlite');
    const first = await startServer({ fixture: fixturePath, dataPath });
    expect(first.apiKey).toBe(key);
    await first.close();
    const second = await startServer({ dataPath });
    try {
      expect(second.apiKey).toBe(key);
      const res = await gql(
        second,
        '{ project(name: "mnist", entityName: "ada") { run(name: "k3j2h1g0") { historyLineCount files { edges { node { url } } } } } }',
        {},
        { key },
      );
      const run = res.body.data.project.run;
      expect(run.historyLineCount).toBe(2);
      const bytes = await fetch(run.files.edges[0].node.url, { headers: { Authorization: basic(key) } });
      expect(await bytes.text()).toBe('epoch 1 done\n');
    } finally {
      await second.close();
    }
  });

  it('loads the demo into an existing file again without duplicating anything', async () => {
    const dataPath = join(dir, 'demo.sqlite');
    const count = async (server: RunningServer): Promise<unknown> => {
      const res = await gql(
        server,
        '{ project(name: "mnist", entityName: "demo") { runCount totalSweeps allViews { edges { node { id } } } } }',
        {},
        { key: server.apiKey },
      );
      const project = res.body.data.project;
      return { runs: project.runCount, sweeps: project.totalSweeps, reports: project.allViews.edges.length };
    };
    const first = await startServer({ demo: true, dataPath });
    const before = await count(first);
    await first.close();
    const second = await startServer({ demo: true, dataPath });
    try {
      expect(await count(second)).toEqual(before);
    } finally {
      await second.close();
    }
  });

  it('rejects an invalid fixture with a clear error', async () => {
    await expect(startServer({ fixture: { runs: [{ entity: 'x' }] } })).rejects.toThrow(/runs\[0\]/);
  });
});
