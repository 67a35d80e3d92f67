import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/index';
import { gql, startTestServer } from './helpers';

// The five variants of the SDK's UpsertSweep document, newest first
// (wandb/wandb, `wandb/sdk/internal/internal_api.py`, https://github.com/wandb/wandb), built the
// way the SDK builds them.
const BASE = `mutation UpsertSweep($id: ID, $config: String, $description: String, $entityName: String,
  $projectName: String, $controller: JSONString, $scheduler: JSONString, $state: String,
  $priorRunsFilters: JSONString, $displayName: String) {
  upsertSweep(input: {id: $id, config: $config, description: $description, entityName: $entityName,
    projectName: $projectName, controller: $controller, scheduler: $scheduler, state: $state,
    priorRunsFilters: $priorRunsFilters, displayName: $displayName}) {
    sweep { name PROJECT }
    configValidationWarnings
  }
}`;
const PROJECT = 'project { id name entity { id name } }';
const withProject = BASE.replace('PROJECT', PROJECT);
const VARIANTS = [
  withProject
    .replace(
      '$controller: JSONString,',
      '$controller: JSONString, $launchScheduler: JSONString, $templateVariableValues: JSONString,',
    )
    .replace(
      'controller: $controller,',
      'controller: $controller, launchScheduler: $launchScheduler, templateVariableValues: $templateVariableValues,',
    ),
  withProject
    .replace('$controller: JSONString,', '$controller: JSONString, $launchScheduler: JSONString,')
    .replace('controller: $controller,', 'controller: $controller, launchScheduler: $launchScheduler,'),
  withProject,
  withProject.replace('configValidationWarnings', ''),
  BASE.replace('PROJECT', '').replace('configValidationWarnings', ''),
];
const NEWEST = VARIANTS[0] as string;
// What `wandb sweep --pause/--resume/--stop/--cancel` sends.
const SET_STATE = `mutation UpsertSweep($id: ID, $state: String, $entityName: String, $projectName: String) {
  upsertSweep(input: {id: $id, state: $state, entityName: $entityName, projectName: $projectName}) { sweep { name } } }`;
const SWEEP = `query Sweep($project: String, $entity: String, $name: String!) { project(name: $project, entityName: $entity) {
  sweep(sweepName: $name) { id name displayName state method description config runCount } } }`;

const CONFIG =
  "method: bayes\nmetric:\n  goal: minimize\n  name: val_loss\nparameters:\n  lr:\n    distribution: uniform\n    max: 0.1\n    min: 0.0001\n  opt:\n    values:\n    - adam\n    - '008'\nprogram: train.py\n";

/** Variables as the SDK sends them for a create (every one present, most null). */
function createVariables(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: null,
    config: CONFIG,
    description: null,
    entityName: 'e',
    projectName: 'sweeps-new',
    controller: null,
    launchScheduler: null,
    templateVariableValues: 'null',
    scheduler: null,
    priorRunsFilters: null,
    displayName: null,
    ...extra,
  };
}

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

async function loadSweep(name: string, project = 'sweeps-new', entity = 'e') {
  const res = await gql(server, SWEEP, { project, entity, name });
  return res.body.data.project.sweep;
}

describe('upsertSweep: create', () => {
  it('stores the YAML as given under a new 8-character id, creating the project', async () => {
    expect(server.store.project('e', 'sweeps-new')).toBeUndefined();
    const res = await gql(server, NEWEST, createVariables());
    expect(res.status).toBe(200);
    const { sweep, configValidationWarnings } = res.body.data.upsertSweep;
    expect(sweep.name).toMatch(/^[a-z0-9]{8}$/);
    expect(sweep.project).toMatchObject({ name: 'sweeps-new', entity: { name: 'e' } });
    expect(configValidationWarnings).toEqual([]);
    expect(server.store.project('e', 'sweeps-new')).toBeDefined();
    expect(await loadSweep(sweep.name)).toMatchObject({
      name: sweep.name,
      displayName: null,
      state: 'RUNNING',
      method: 'bayes',
      config: CONFIG,
      runCount: 0,
    });
  });

  it('accepts each of the five variants the SDK may send', async () => {
    for (const [i, document] of VARIANTS.entries()) {
      const res = await gql(server, document, createVariables({ displayName: `variant ${5 - i}` }));
      expect(res.status).toBe(200);
      const name = res.body.data.upsertSweep.sweep.name;
      expect((await loadSweep(name)).displayName).toBe(`variant ${5 - i}`);
    }
  });

  it('uses the viewer entity for a null entity and "uncategorized" for a null project', async () => {
    const res = await gql(server, NEWEST, createVariables({ entityName: null, projectName: null }));
    const { sweep } = res.body.data.upsertSweep;
    expect(sweep.project).toMatchObject({ name: 'uncategorized', entity: { name: 'e' } });
    expect((await loadSweep(sweep.name, 'uncategorized')).config).toBe(CONFIG);
  });

  it('gives every sweep of a project its own id', async () => {
    const names = new Set<string>();
    for (let i = 0; i < 25; i++) {
      names.add(
        (await gql(server, NEWEST, createVariables({ projectName: 'many' }))).body.data.upsertSweep.sweep
          .name,
      );
    }
    expect(names.size).toBe(25);
    expect(
      server.store.db
        .prepare('SELECT COUNT(*) AS n FROM sweeps s JOIN projects p ON p.id = s.project_id WHERE p.name = ?')
        .get('many'),
    ).toEqual({ n: 25 });
  });

  it('returns warnings for a config with problems, and stores it anyway', async () => {
    const config = 'method: bayse\nparameters:\n  lr: 0.1\nmetric:\n  goal: up\n  name: loss\n';
    const res = await gql(server, NEWEST, createVariables({ config }));
    expect(res.body.data.upsertSweep.configValidationWarnings).toEqual([
      'method "bayse" is not one of grid, random, bayes',
      'parameters.lr must be a mapping (values, value, min/max, ...)',
      'metric.goal "up" is not one of minimize, maximize',
    ]);
    expect((await loadSweep(res.body.data.upsertSweep.sweep.name)).config).toBe(config);
    const bare = await gql(server, NEWEST, createVariables({ config: 'method: bayes\n' }));
    expect(bare.body.data.upsertSweep.configValidationWarnings).toEqual([
      'parameters must be a mapping of parameter names',
      'method bayes needs a metric to optimize',
    ]);
  });

  it('refuses a missing config, YAML that is not a mapping, and a bad initial state', async () => {
    const before = server.store.db.prepare('SELECT COUNT(*) AS n FROM sweeps').get();
    const none = await gql(server, NEWEST, createVariables({ config: null }));
    expect(none.body.errors[0].message).toBe('config is required to create a sweep');
    const list = await gql(server, NEWEST, createVariables({ config: '- a\n- b\n' }));
    expect(list.body.errors[0].message).toBe('sweep config must be a YAML mapping');
    const broken = await gql(server, NEWEST, createVariables({ config: 'method: [grid\n' }));
    expect(broken.body.errors[0].message).toMatch(/^sweep config is not valid YAML/);
    const state = await gql(server, NEWEST, createVariables({ state: 'SLEEPING' }));
    expect(state.body.errors[0].message).toMatch(/invalid sweep state "SLEEPING"/);
    expect(server.store.db.prepare('SELECT COUNT(*) AS n FROM sweeps').get()).toEqual(before);
  });

  it('answers an unknown argument with a validation error (the SDK then falls back)', async () => {
    const res = await gql(
      server,
      'mutation { upsertSweep(input: {config: "method: grid\\n", launchAgents: 3}) { sweep { name } } }',
    );
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toMatch(/launchAgents/);
  });

  it('adds the prior runs named by priorRunsFilters to the new sweep', async () => {
    const filters = JSON.stringify({ $or: [{ name: 'run00003' }, { name: 'run00004' }] });
    const res = await gql(server, NEWEST, createVariables({ projectName: 'p', priorRunsFilters: filters }));
    const name = res.body.data.upsertSweep.sweep.name;
    expect((await loadSweep(name, 'p')).runCount).toBe(2);
    expect(server.store.run('e', 'p', 'run00003')?.sweep_name).toBe(name);
    expect(server.store.run('e', 'p', 'run00001')?.sweep_name).toBe('sweep001'); // not named: unchanged
  });
});

describe('upsertSweep: update and state', () => {
  async function created(): Promise<{ id: string; name: string }> {
    const res = await gql(
      server,
      NEWEST,
      createVariables({ description: 'first', displayName: 'lr search' }),
    );
    const name = res.body.data.upsertSweep.sweep.name as string;
    return { id: (await loadSweep(name)).id, name };
  }

  it('changes the fields given by storage id and keeps those sent as null', async () => {
    const { id, name } = await created();
    const config = 'method: random\nparameters:\n  lr:\n    values: [0.1, 0.01]\n';
    const res = await gql(
      server,
      NEWEST,
      createVariables({ id, config, entityName: null, projectName: null }),
    );
    expect(res.body.data.upsertSweep).toMatchObject({
      sweep: { name, project: { name: 'sweeps-new' } },
      configValidationWarnings: [],
    });
    expect(await loadSweep(name)).toMatchObject({
      method: 'random',
      config,
      description: 'first',
      displayName: 'lr search',
      state: 'RUNNING',
    });
  });

  it('pauses, resumes, stops and cancels as the SDK commands do', async () => {
    const { id, name } = await created();
    for (const state of ['PAUSED', 'RUNNING', 'FINISHED', 'CANCELED']) {
      const res = await gql(server, SET_STATE, { id, state, entityName: 'e', projectName: 'sweeps-new' });
      expect(res.body).toEqual({ data: { upsertSweep: { sweep: { name } } } });
      expect((await loadSweep(name)).state).toBe(state);
    }
  });

  it('refuses an unknown state or sweep id and leaves the sweep as it was', async () => {
    const { id, name } = await created();
    const bad = await gql(server, SET_STATE, { id, state: 'paused' });
    expect(bad.body.errors[0].message).toMatch(/invalid sweep state "paused"/);
    expect((await loadSweep(name)).state).toBe('RUNNING');
    const missing = await gql(server, SET_STATE, {
      id: Buffer.from('Sweep:99999').toString('base64'),
      state: 'PAUSED',
    });
    expect(missing.body.errors[0].message).toMatch(/^sweep not found/);
  });

  it("answers the SDK's sweep lookup made before a state change (runs with their flags)", async () => {
    const res = await gql(
      server,
      `query SweepWithRuns($entity: String, $project: String, $sweep: String!, $specs: [JSONString!]!) {
        project(name: $project, entityName: $entity) { sweep(sweepName: $sweep) {
          id name method state description config createdAt heartbeatAt updatedAt earlyStopJobRunning
          bestLoss controller scheduler
          runs { edges { node { name state config exitcode heartbeatAt shouldStop failed stopped running
            summaryMetrics sampledHistory(specs: $specs) } } } } } }`,
      { entity: 'e', project: 'p', sweep: 'sweep001', specs: '{}' },
    );
    expect(res.status).toBe(200);
    const sweep = res.body.data.project.sweep;
    expect(sweep).toMatchObject({
      name: 'sweep001',
      state: 'FINISHED',
      earlyStopJobRunning: false,
      controller: null,
    });
    expect(sweep.runs.edges.map((e: { node: { name: string } }) => e.node.name).sort()).toEqual([
      'run00000',
      'run00001',
      'run00002',
    ]);
    const crashed = sweep.runs.edges.find((e: { node: { name: string } }) => e.node.name === 'run00002').node;
    expect(crashed).toMatchObject({
      state: 'crashed',
      failed: true,
      running: false,
      stopped: false,
      shouldStop: false,
    });
  });
});
