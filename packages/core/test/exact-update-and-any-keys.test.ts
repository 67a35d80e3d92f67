// Phase-1 building blocks against the local server: the one-upsertBucket update keeps every
// untouched config and summary value byte for byte; `match: 'any'` finds keys logged apart.
import { RunDocument, RunSampledHistoryDocument, UpdateRunDocument } from '@wbapi/gql';
import { datasetRun, startServer, type RunningServer } from '@wbapi/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeConfig, decodeJsonObject } from '../src/runs/decode';
import { runUpdateVariables } from '../src/runs/run-update-builder';
import { fetchAnyKeyRows } from '../src/history/match-any';
import { GraphQLClient } from '../src/transport';
import { Api } from '../src/api/api';
import { anyKeyHistory } from '../src/history/any-key-history';
import { sampledHistory } from '../src/history/sampled-history';
import { createSession } from '../src/session/create-session';

let server: RunningServer;
let client: GraphQLClient;
const KEY = 'exact-update-key-0000000000000000000000000000';
const CONFIG =
  '{"lr": {"value": 1.0, "desc": "learning rate"}, "seed": {"value": 12345678901234567890, "desc": null}, ' +
  '"arch": {"value": {"width": 2.50, "act": "relu"}, "desc": null}, "_wandb": {"value": {"cli_version": "0.26.1", "t": {"1": [1, 5]}}}}';
const SUMMARY =
  '{"acc": 1.0, "loss": NaN, "best": -Infinity, "steps": 9007199254740993, "img": {"_type": "image-file", "w": 64}}';

// train/loss at steps 0-4, optimizer_step at steps 5-9: never in the same row.
const APART = [
  ...[0, 1, 2, 3, 4].map((step) => ({ _step: step, 'train/loss': 1 / (step + 1) })),
  ...[5, 6, 7, 8, 9].map((step) => ({ _step: step, optimizer_step: step * 10 })),
];

beforeAll(async () => {
  server = await startServer({
    apiKeys: [KEY],
    dataset: {
      users: [{ username: 'ada', name: 'Ada', email: 'ada@example.test', apiKey: KEY, entity: 'acme' }],
      projects: [{ entity: 'acme', name: 'exact', createdAt: '2026-01-01T00:00:00' }],
      runs: [
        datasetRun({
          entity: 'acme',
          project: 'exact',
          name: 'r1',
          createdAt: '2026-01-01T00:00:00',
          username: 'ada',
        }),
        datasetRun({
          entity: 'acme',
          project: 'exact',
          name: 'r2',
          createdAt: '2026-01-01T00:00:02',
          username: 'ada',
        }),
        datasetRun({
          entity: 'acme',
          project: 'exact',
          name: 'apart',
          createdAt: '2026-01-01T00:00:01',
          username: 'ada',
          history: APART,
        }),
      ],
      sweeps: [],
      reports: [],
    },
  });
  server.store.db
    .prepare("UPDATE runs SET config = ?, summary_metrics = ? WHERE name IN ('r1', 'r2')")
    .run(CONFIG, SUMMARY);
  client = new GraphQLClient({ baseUrl: server.url, apiKey: KEY, fetch, cache: false });
});
afterAll(async () => {
  await server?.close();
});

/** The JSON text the server's store now holds for run r1. */
function storedText(column: 'config' | 'summary_metrics', name = 'r1'): string {
  const row = server.store.db.prepare(`SELECT ${column} AS text FROM runs WHERE name = ?`).get(name) as {
    text: string;
  };
  return row.text;
}

describe('one upsertBucket, exact round trip', () => {
  it('changes one config key and one summary key and keeps the stored text of every other key', async () => {
    const { project } = await client.request(RunDocument, { entity: 'acme', project: 'exact', name: 'r1' });
    const attrs = project?.run;
    if (!attrs) throw new Error('run r1 missing');
    const { config, rawConfig } = decodeConfig(attrs.config);
    const summary = decodeJsonObject('summaryMetrics', attrs.summaryMetrics);
    config['lr'] = 0.5;
    summary['acc'] = 0.75;
    const variables = runUpdateVariables({
      storageId: attrs.id,
      name: 'renamed',
      description: attrs.description,
      notes: 'one mutation',
      tags: ['exact'],
      group: attrs.group,
      jobType: attrs.jobType,
      config,
      rawConfig,
      configText: attrs.config,
      summary,
      summaryText: attrs.summaryMetrics,
    });
    await client.request(UpdateRunDocument, variables);

    const storedConfig = storedText('config');
    const storedSummary = storedText('summary_metrics');
    for (const untouched of [
      '"seed":{"value": 12345678901234567890, "desc": null}',
      '"arch":{"value": {"width": 2.50, "act": "relu"}, "desc": null}',
      '"_wandb":{"value": {"cli_version": "0.26.1", "t": {"1": [1, 5]}}}',
    ]) {
      expect(storedConfig).toContain(untouched);
    }
    expect(storedConfig).toContain('"lr":{"value":0.5,"desc":null}');
    expect(storedSummary).toBe(
      '{"acc":0.75,"loss":NaN,"best":-Infinity,"steps":9007199254740993,"img":{"_type": "image-file", "w": 64}}',
    );
    const after = await client.request(RunDocument, { entity: 'acme', project: 'exact', name: 'r1' });
    expect(after.project?.run).toMatchObject({
      displayName: 'renamed',
      notes: 'one mutation',
      tags: ['exact'],
    });
  });
});

describe('Run.update and Run.updateSummary', () => {
  it('send one upsertBucket each and keep the stored text of every key left alone', async () => {
    const bodies: string[] = [];
    const recording: typeof fetch = (input, init) => {
      bodies.push(typeof init?.body === 'string' ? init.body : '');
      return fetch(input, init);
    };
    const upserts = () => bodies.filter((body) => body.includes('upsertBucket')).length;
    const api = new Api({ baseUrl: server.url, apiKey: KEY, fetch: recording, cache: false });
    const run = await api.run('acme/exact/r2');
    run.config['lr'] = 0.5;
    run.summary['acc'] = 0.75;
    run.name = 'renamed';
    await run.update();
    expect(upserts()).toBe(1);
    const config = storedText('config', 'r2');
    expect(config).toContain('"seed":{"value": 12345678901234567890, "desc": null}');
    expect(config).toContain('"arch":{"value": {"width": 2.50, "act": "relu"}, "desc": null}');
    expect(config).toContain('"_wandb":{"value": {"cli_version": "0.26.1", "t": {"1": [1, 5]}}}');
    expect(config).toContain('"lr":{"value":0.5,"desc":null}');
    expect(storedText('summary_metrics', 'r2')).toBe(
      '{"acc":0.75,"loss":NaN,"best":-Infinity,"steps":9007199254740993,"img":{"_type": "image-file", "w": 64}}',
    );

    await run.updateSummary({ best: 1 });
    expect(upserts()).toBe(2);
    expect(storedText('summary_metrics', 'r2')).toBe(
      '{"acc":0.75,"loss":NaN,"best":1,"steps":9007199254740993,"img":{"_type": "image-file", "w": 64}}',
    );
    expect((await api.run('acme/exact/r2')).name).toBe('renamed');
  });
});

describe("match: 'any' against the server", () => {
  const request = async (specs: string[]) => {
    const { project } = await client.request(RunSampledHistoryDocument, {
      entity: 'acme',
      project: 'exact',
      name: 'apart',
      specs,
    });
    return project?.run?.sampledHistory ?? [];
  };

  it('finds rows of keys logged in separate steps, where one spec for both finds none', async () => {
    const all = await request([
      JSON.stringify({ keys: ['_step', 'train/loss', 'optimizer_step'], samples: 100 }),
    ]);
    expect(all[0]).toEqual([]);
    const rows = await fetchAnyKeyRows(request, ['train/loss', 'optimizer_step'], '_step', 100);
    expect(rows).toEqual(APART);
  });

  it("run.history({ keys, match: 'any' }) merges them by step; the default (all) finds none", async () => {
    const api = new Api({ baseUrl: server.url, apiKey: KEY, fetch, cache: false });
    const run = await api.run('acme/exact/apart');
    const keys = ['train/loss', 'optimizer_step'];
    expect(await run.history({ keys })).toEqual([]);
    expect(await run.history({ keys, match: 'any' })).toEqual(APART);
    const columns = await run.history({ keys, match: 'any', format: 'columns' });
    expect(columns['optimizer_step']?.slice(4, 6)).toEqual([null, 50]);
    await expect(run.history({ keys, match: 'some' as 'any' })).rejects.toThrow(/match must be/);
  });

  it('as functions: anyKeyHistory gives the same rows; sampledHistory sends match "any" there', async () => {
    const session = createSession({ baseUrl: server.url, apiKey: KEY, fetch });
    const ref = { entity: 'acme', project: 'exact', id: 'apart' };
    const keys = ['train/loss', 'optimizer_step'];
    expect(await anyKeyHistory(session, ref, { keys })).toEqual(APART);
    await expect(sampledHistory(session, ref, { keys, match: 'any' })).rejects.toThrow(
      /for match "any" call anyKeyHistory\(\)/,
    );
    await expect(anyKeyHistory(session, ref, { keys: undefined as unknown as string[] })).rejects.toThrow(
      /keys must be specified in a list/,
    );
  });

  it('keeps each spec inside the step range (maxStep inclusive)', async () => {
    const rows = await fetchAnyKeyRows(request, ['train/loss', 'optimizer_step'], '_step', 100, {
      minStep: 3,
      maxStep: 6,
    });
    expect(rows.map((row) => row['_step'])).toEqual([3, 4, 5, 6]);
  });
});
