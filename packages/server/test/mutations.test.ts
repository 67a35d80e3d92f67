import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/index';
import { gql, startTestServer } from './helpers';

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const CREATE = `mutation UpsertBucket($project: String, $entity: String, $name: String!, $state: String) {
  upsertBucket(input: {modelName: $project, entityName: $entity, name: $name, state: $state}) {
    bucket { project { name entity { name } } id name } inserted } }`;
const UPDATE = `mutation UpsertBucket($id: String!, $description: String, $display_name: String, $notes: String, $tags: [String!], $config: JSONString!, $groupName: String, $jobType: String) {
  upsertBucket(input: {id: $id, description: $description, displayName: $display_name, notes: $notes, tags: $tags, config: $config, groupName: $groupName, jobType: $jobType}) {
    bucket { id tags displayName notes group jobType config } } }`;
const SUMMARY = `mutation UpsertBucket($id: String, $summaryMetrics: JSONString) {
  upsertBucket(input: {id: $id, summaryMetrics: $summaryMetrics}) { bucket { id summaryMetrics } } }`;
const RUN = `query Run($name: String!) { project(name: "p", entityName: "e") { run(name: $name) { id name state notes tags config summaryMetrics displayName } } }`;

describe('upsertBucket', () => {
  it('creates a run, in the viewer entity and "uncategorized" when those are null', async () => {
    const res = await gql(server, CREATE, {
      project: null,
      entity: null,
      name: 'new00001',
      state: 'running',
    });
    expect(res.body.data.upsertBucket).toEqual({
      bucket: {
        project: { name: 'uncategorized', entity: { name: 'e' } },
        id: Buffer.from('Run:v1:new00001:uncategorized:e').toString('base64'),
        name: 'new00001',
      },
      inserted: true,
    });
    const again = await gql(server, CREATE, {
      project: null,
      entity: null,
      name: 'new00001',
      state: 'running',
    });
    expect(again.body.data.upsertBucket.inserted).toBe(false);
  });

  it('updates only the fields sent; explicit null clears; config and tags replace', async () => {
    await gql(server, CREATE, { project: 'p', entity: 'e', name: 'upd00001', state: 'running' });
    const id = Buffer.from('Run:v1:upd00001:p:e').toString('base64');
    await gql(
      server,
      'mutation($id: String) { upsertBucket(input: {id: $id, notes: "keep me", displayName: "first"}) { bucket { id } } }',
      { id },
    );
    const config =
      '{"_wandb": {"value": {"cli_version": "0.19.11"}, "desc": null}, "lr": {"value": 0.01, "desc": null}}';
    const res = await gql(server, UPDATE, {
      entity: 'e',
      project: 'p',
      name: 'upd00001', // undeclared extras, as the SDK sends them
      id,
      tags: ['baseline', 'peer-checked'],
      description: null,
      notes: null,
      display_name: 'run-0',
      config,
      groupName: null,
      jobType: null,
    });
    expect(res.body.errors).toBeUndefined();
    const bucket = res.body.data.upsertBucket.bucket;
    expect(bucket).toMatchObject({
      tags: ['baseline', 'peer-checked'],
      displayName: 'run-0',
      notes: null,
      group: null,
      jobType: null,
    });
    expect(bucket.config).toBe(config);
    const run = (await gql(server, RUN, { name: 'upd00001' })).body.data.project.run;
    expect(run.state).toBe('running');
    expect(run.notes).toBeNull();
  });

  it('replaces the summary with the text sent, NaN included', async () => {
    const id = Buffer.from('Run:v1:run00000:p:e').toString('base64');
    const summary = '{"loss": 0.1, "best_loss": NaN, "_step": 9}';
    const res = await gql(server, SUMMARY, { id, summaryMetrics: summary });
    expect(res.body.data.upsertBucket.bucket.id).toBe(id);
    const run = (await gql(server, RUN, { name: 'run00000' })).body.data.project.run;
    expect(run.summaryMetrics).toBe(summary);
  });

  it('rejects a config that is not a JSON object, and an unknown run id', async () => {
    const id = Buffer.from('Run:v1:run00000:p:e').toString('base64');
    const bad = await gql(server, UPDATE, { id, config: '[1, 2' });
    expect(bad.body.errors[0].message).toMatch(/config is not valid JSON/);
    const missing = await gql(server, SUMMARY, {
      id: Buffer.from('Run:v1:ghost:p:e').toString('base64'),
      summaryMetrics: '{}',
    });
    expect(missing.body.errors[0].message).toMatch(/run not found/);
  });
});

describe('deleteRun', () => {
  it('deletes the run with its history and files', async () => {
    await gql(server, CREATE, { project: 'p', entity: 'e', name: 'del00001', state: 'running' });
    const id = Buffer.from('Run:v1:del00001:p:e').toString('base64');
    const res = await gql(
      server,
      'mutation DeleteRun($id: ID!) { deleteRun(input: {id: $id}) { clientMutationId } }',
      { id, deleteArtifacts: false },
    );
    expect(res.body).toEqual({ data: { deleteRun: { clientMutationId: null } } });
    expect((await gql(server, RUN, { name: 'del00001' })).body.data.project.run).toBeNull();
    // A second delete succeeds, as on W&B (wandb/wandb `wandb/apis/public/runs.py` `delete`); a run that never existed does not.
    const again = await gql(
      server,
      'mutation($id: ID!) { deleteRun(input: {id: $id}) { clientMutationId } }',
      { id },
    );
    expect(again.body).toEqual({ data: { deleteRun: { clientMutationId: null } } });
    const never = await gql(
      server,
      'mutation($id: ID!) { deleteRun(input: {id: $id}) { clientMutationId } }',
      { id: Buffer.from('Run:v1:never001:p:e').toString('base64') },
    );
    expect(never.body.errors[0].message).toMatch(/run not found/);
  });

  it('accepts a second delete of a run deleted through the Store API', async () => {
    const run = server.store.run('e', 'p', 'run00002')!;
    server.store.deleteRun(run.id);
    const res = await gql(server, 'mutation($id: ID!) { deleteRun(input: {id: $id}) { clientMutationId } }', {
      id: Buffer.from('Run:v1:run00002:p:e').toString('base64'),
    });
    expect(res.body).toEqual({ data: { deleteRun: { clientMutationId: null } } });
  });

  it('removes history, events and files of a deleted run from storage', async () => {
    const run = server.store.run('e', 'p', 'run00001')!;
    server.store.deleteRun(run.id);
    for (const table of ['history', 'events', 'files']) {
      expect(
        server.store.db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE run_id = ?`).get(run.id),
      ).toEqual({ n: 0 });
    }
  });
});
