// What the client sends and reads back, against the local server, where it must match the real
// W&B clients: deleteRun arguments, cursor sources, project URLs, retried upsertBucket, timeouts.
import { describe, expect, it } from 'vitest';
import { TimeoutError } from '../src';
import { useTestServer } from './helpers/lifecycle';
import { recordingFetch } from './helpers/recording-fetch';
import { testApi } from './helpers/server';

const testServer = useTestServer();

describe('wire fidelity', () => {
  it('deleteRun declares and sends deleteArtifacts only when it is true', async () => {
    const fetchFn = recordingFetch();
    const api = testApi(testServer(), { fetch: fetchFn });
    for (const [id, deleteArtifacts] of [
      ['gone1', undefined],
      ['gone2', true],
    ] as const) {
      const run = await api.createRun({ project: 'scratch', runId: id });
      fetchFn.sent.length = 0;
      await run.delete(deleteArtifacts === undefined ? {} : { deleteArtifacts });
      const [request] = fetchFn.sent;
      expect(request?.query).toContain('deleteRun');
      if (deleteArtifacts) {
        expect(request?.query).toMatch(/\$deleteArtifacts:\s*Boolean/);
        expect(request?.variables).toMatchObject({ deleteArtifacts: true });
      } else {
        expect(request?.query).not.toContain('deleteArtifacts');
        expect(request?.variables).not.toHaveProperty('deleteArtifacts');
      }
    }
  });

  it("pages runs and files with the last edge's cursor, projects with pageInfo.endCursor", async () => {
    const spoil = (field: 'endCursor' | 'cursor') => (reply: string) =>
      reply.replace(new RegExp(`"${field}":"[^"]*"`, 'g'), `"${field}":"spoiled"`);
    // pageInfo.endCursor spoiled: runs and files must still page correctly.
    const edgesApi = testApi(testServer(), { fetch: recordingFetch(spoil('endCursor')) });
    const plainApi = testApi(testServer());
    const ids = async (api: typeof plainApi) =>
      (await api.runs('acme/mnist', { perPage: 5 }).toArray({ limit: 100 })).map((run) => run.id);
    expect(await ids(edgesApi)).toEqual(await ids(plainApi));
    const run = await plainApi.run('acme/files/withfiles');
    const files = await (
      await edgesApi.run('acme/files/withfiles')
    )
      .files({ perPage: 2 })
      .toArray({ limit: 100 });
    expect(files.map((f) => f.name)).toEqual((await run.files().toArray({ limit: 100 })).map((f) => f.name));
    // The edges' cursors spoiled: projects must still page correctly.
    const endApi = testApi(testServer(), { fetch: recordingFetch(spoil('cursor')) });
    const names = async (api: typeof plainApi) =>
      (await api.projects('acme', { perPage: 3 }).toArray({ limit: 100 })).map((p) => p.name);
    expect(await names(endApi)).toEqual(await names(plainApi));
  });

  it('runs.length() takes a signal, which aborts the count request', async () => {
    const api = testApi(testServer());
    expect(await api.runs('acme/mnist').length({ signal: new AbortController().signal })).toBe(12);
    const controller = new AbortController();
    controller.abort(new Error('stop counting'));
    await expect(api.runs('acme/mnist').length({ signal: controller.signal })).rejects.toThrow(
      'stop counting',
    );
  });

  it('times out the wait for headers and a gap between reads, never a reply that keeps streaming', async () => {
    const server = testServer();
    // 30 pieces 50 ms apart: 1.5 s in all, past a 1 s timeout that covered the whole body.
    server.faults.update({ dripMs: 50, dripChunks: 30 });
    const patient = testApi(server, { timeoutMs: 1_000, retry: { maxRetries: 0 } });
    expect(await patient.runs('acme/mnist').toArray({ limit: 100 })).toHaveLength(12);
    const strict = testApi(server, { timeoutMs: 300, retry: { maxRetries: 0 } });
    server.faults.update({ dripMs: 2_000, dripChunks: 2 });
    const stalled = await strict
      .runs('acme/mnist')
      .toArray({ limit: 100 })
      .catch((e: unknown) => e);
    expect(stalled).toBeInstanceOf(TimeoutError);
    server.faults.update({ dripMs: 0, latencyMs: 2_000 });
    const late = await strict
      .runs('acme/mnist')
      .toArray({ limit: 100 })
      .catch((e: unknown) => e);
    expect(late).toBeInstanceOf(TimeoutError);
    expect((late as TimeoutError).timeoutMs).toBe(300);
  });

  it('gives a project URL ending with /workspace, as the Python client does', async () => {
    const project = await testApi(testServer()).project('mnist', 'acme');
    expect(project.url).toBe(`${testServer().url}/acme/mnist/workspace`);
  });

  it('retries upsertBucket mutations (create, update, updateSummary) through 5xx, 429 and resets like queries', async () => {
    const api = testApi(testServer());
    testServer().faults.failNext(1, 503);
    const run = await api.createRun({ project: 'scratch', runId: 'retried' });
    testServer().faults.failNext(2, 429, 0);
    run.tags = ['after-retry'];
    await run.update();
    testServer().faults.failNext(1, 'reset');
    await run.updateSummary({ acc: 0.5 });
    api.flush();
    const stored = await api.run('acme/scratch/retried');
    expect(stored.tags).toEqual(['after-retry']);
    expect(stored.summary).toEqual({ acc: 0.5 });
    expect(api.sleeps.delays.length).toBeGreaterThanOrEqual(4);
  });
});
