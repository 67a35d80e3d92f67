import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/index';
import { MAX_PAGE_SIZE } from '../src/index';
import { gql, OTHER_KEY, startTestServer, testRun } from './helpers';

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;
const RUN_FIELDS = `id tags name displayName sweepName state config group jobType commit readOnly createdAt
  heartbeatAt description notes systemMetrics summaryMetrics historyLineCount user { name username } historyKeys projectId`;

describe('viewer and projects', () => {
  it('answers the full viewer with teams and only the own API key', async () => {
    const res = await gql(
      server,
      '{ viewer { id name username email admin flags entity apiKeys { edges { node { id name } } } teams { edges { node { name } } } } }',
    );
    const viewer = res.body.data.viewer;
    expect(Buffer.from(viewer.id, 'base64').toString()).toMatch(/^User:\d+$/);
    expect(viewer).toMatchObject({ name: 'Ada Lovelace', username: 'ada', entity: 'e', admin: false });
    expect(viewer.teams.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual(['e', 'team1']); // own entity first
    expect(viewer.apiKeys.edges).toHaveLength(1);
  });

  it('pages projects of an entity with the same cursor on the edge and in pageInfo', async () => {
    const query = `query P($entity: String, $cursor: String, $perPage: Int) { models(entityName: $entity, after: $cursor, first: $perPage) {
      edges { node { id name entityName createdAt isBenchmark } cursor } pageInfo { endCursor hasNextPage } } }`;
    const first = await gql(server, query, { entity: 'e', perPage: 1 });
    const page1 = first.body.data.models;
    expect(page1.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual(['p']);
    expect(page1.pageInfo).toEqual({ endCursor: page1.edges[0].cursor, hasNextPage: true });
    expect(page1.edges[0].node.createdAt).toMatch(TIMESTAMP);
    const second = await gql(server, query, { entity: 'e', perPage: 1, cursor: page1.pageInfo.endCursor });
    expect(second.body.data.models.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual(['q']);
    expect(second.body.data.models.pageInfo.hasNextPage).toBe(false);
  });

  it('answers project fields, and null for a missing project', async () => {
    const res = await gql(
      server,
      '{ project(name: "p", entityName: "e") { id internalId name entityName entity { name } readOnly isBenchmark user { username } totalSweeps } missing: project(name: "zz", entityName: "e") { id } }',
    );
    expect(res.body.data.project).toMatchObject({
      name: 'p',
      entityName: 'e',
      entity: { name: 'e' },
      readOnly: false,
      isBenchmark: false,
      user: { username: 'ada' },
      totalSweeps: 1,
    });
    expect(Number(res.body.data.project.internalId)).toBeGreaterThan(0);
    expect(res.body.data.missing).toBeNull();
  });

  it('uses the viewer entity when entityName is null', async () => {
    const res = await gql(server, 'query($e: String) { project(name: "p", entityName: $e) { entityName } }', {
      e: null,
    });
    expect(res.body.data.project.entityName).toBe('e');
  });
});

describe('runs', () => {
  it('answers one run with W&B ids, timestamps and JSON text as stored', async () => {
    const res = await gql(
      server,
      `{ project(name: "p", entityName: "e") { run(name: "run00001") { ${RUN_FIELDS} } } }`,
    );
    const run = res.body.data.project.run;
    expect(Buffer.from(run.id, 'base64').toString()).toBe('Run:v1:run00001:p:e');
    expect(run.createdAt).toMatch(TIMESTAMP);
    expect(JSON.parse(run.config)).toEqual({
      lr: { value: 0.02, desc: null },
      batch_size: { value: 64, desc: null },
    });
    expect(run.user).toEqual({ name: 'Ada Lovelace', username: 'ada' });
    expect(run.historyLineCount).toBe(10);
    expect(run.historyKeys.lastStep).toBe(9);
    expect(run.historyKeys.keys.loss.previousValue).toBeCloseTo(0.1);
    expect(run.sweepName).toBe('sweep001');
    expect(typeof run.projectId).toBe('number');
  });

  it('keeps NaN and Infinity in JSONString fields', async () => {
    server.store.addRun(
      testRun(50, { name: 'nanrun', summary: { loss: NaN, best: Infinity, worst: -Infinity } }),
    );
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Basic ${Buffer.from(`api:${'a'.repeat(40)}`).toString('base64')}`,
      },
      body: JSON.stringify({
        query: '{ project(name: "p", entityName: "e") { run(name: "nanrun") { summaryMetrics } } }',
      }),
    });
    const body = (await res.json()) as { data: { project: { run: { summaryMetrics: string } } } };
    expect(body.data.project.run.summaryMetrics).toBe('{"loss":NaN,"best":Infinity,"worst":-Infinity}');
    server.store.deleteRun(server.store.run('e', 'p', 'nanrun')!.id);
  });

  it("answers the legacy aliases model and bucket, and a run's project and sweep", async () => {
    const res = await gql(
      server,
      '{ model(name: "p", entityName: "e") { name bucket(name: "run00000") { name project { name } sweep { name } } } }',
    );
    expect(res.body.data.model).toEqual({
      name: 'p',
      bucket: { name: 'run00000', project: { name: 'p' }, sweep: { name: 'sweep001' } },
    });
  });

  it('answers null for a missing run', async () => {
    const res = await gql(server, '{ project(name: "p", entityName: "e") { run(name: "nope") { id } } }');
    expect(res.body).toEqual({ data: { project: { run: null } } });
  });

  it('lists runs with runCount, readOnly, internalId and both cursors', async () => {
    const res = await gql(
      server,
      `query Runs($cursor: String, $perPage: Int = 50) { project(name: "p", entityName: "e") { internalId readOnly runCount
        runs(after: $cursor, first: $perPage) { edges { node { ${RUN_FIELDS} } cursor } pageInfo { endCursor hasNextPage } } } }`,
      { perPage: 2 },
    );
    const project = res.body.data.project;
    expect(project.runCount).toBe(5);
    expect(project.runs.edges).toHaveLength(2);
    expect(project.runs.pageInfo).toEqual({ endCursor: project.runs.edges[1].cursor, hasNextPage: true });
  });

  it('caps a huge first at the documented maximum', async () => {
    const res = await gql(
      server,
      '{ project(name: "p", entityName: "e") { runs(first: 2000000000) { edges { node { name } } } } }',
    );
    expect(res.status).toBe(200);
    expect(res.body.data.project.runs.edges.length).toBeLessThanOrEqual(MAX_PAGE_SIZE);
    expect(res.body.data.project.runs.edges).toHaveLength(5);
  });

  it('does not leak other entities into models', async () => {
    const res = await gql(
      server,
      '{ models(first: 10) { edges { node { entityName } } } }',
      {},
      { key: OTHER_KEY },
    );
    expect(res.body.data.models.edges).toEqual([]);
  });
});

describe('sweeps and reports', () => {
  it('answers a sweep with YAML config, best loss from the metric goal, run count and state', async () => {
    const res = await gql(
      server,
      '{ project(name: "p", entityName: "e") { sweep(sweepName: "sweep001") { id name displayName method state bestLoss config runCount runCountExpected createdAt } } }',
    );
    const sweep = res.body.data.project.sweep;
    expect(sweep).toMatchObject({
      name: 'sweep001',
      displayName: 'lr-search',
      method: 'bayes',
      state: 'FINISHED',
      runCount: 3,
      runCountExpected: 3,
    });
    expect(sweep.config).toContain('goal: minimize');
    // summary loss is 0.5 - i * 0.01 for runs 0..2 of the sweep: the minimum is run 2's.
    expect(sweep.bestLoss).toBeCloseTo(0.48);
    expect(Buffer.from(sweep.id, 'base64').toString()).toMatch(/^Sweep:\d+$/);
  });

  it('answers null for a missing sweep and lists sweeps', async () => {
    const res = await gql(
      server,
      '{ project(name: "p", entityName: "e") { sweep(sweepName: "nope") { id } sweeps { edges { node { name } cursor } pageInfo { endCursor hasNextPage } } } }',
    );
    expect(res.body.data.project.sweep).toBeNull();
    expect(res.body.data.project.sweeps.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual([
      'sweep001',
    ]);
  });

  it('lists reports by view type and name', async () => {
    const query = `query V($viewName: String, $viewType: String = "runs") { project(name: "p", entityName: "e") {
      allViews(viewType: $viewType, viewName: $viewName, first: 10) { edges { node { id name displayName description type
        user { username photoUrl email } spec updatedAt createdAt } cursor } pageInfo { endCursor hasNextPage } } } }`;
    const all = await gql(server, query, { viewName: null });
    const node = all.body.data.project.allViews.edges[0].node;
    expect(node).toMatchObject({
      name: '7f3a9b2c1d',
      displayName: 'Weekly Results',
      type: 'runs',
      user: { username: 'ada' },
    });
    expect(JSON.parse(node.spec)).toEqual({ version: 5, panelGroups: [] });
    expect(node.updatedAt).toBe('2024-01-04T08:00:00');
    const none = await gql(server, query, { viewName: 'other' });
    expect(none.body.data.project.allViews.edges).toEqual([]);
    const otherType = await gql(server, query, { viewName: null, viewType: 'panels' });
    expect(otherType.body.data.project.allViews.edges).toEqual([]);
  });

  it('answers serverInfo', async () => {
    const res = await gql(server, '{ serverInfo { cliVersionInfo latestLocalVersionInfo { outOfDate } } }');
    expect(res.body.data.serverInfo.latestLocalVersionInfo.outOfDate).toBe(false);
  });
});
