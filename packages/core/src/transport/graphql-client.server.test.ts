// The transport against the real local server over loopback: real sockets, real resets.
import { RunFilesDocument, RunsDocument, ViewerDocument } from '@wbapi/gql';
import { datasetRun, startServer, type Dataset, type DatasetRun, type RunningServer } from '@wbapi/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AuthenticationError, NotFoundError, RateLimitError, TimeoutError } from '../errors';
import { Pager } from '../pagination/pager';
import { pageFromConnection } from '../pagination/check-page';
import { describeFileResponse } from './fetch-file';
import { GraphQLClient } from './graphql-client';
import type { ClientOptions } from './options';

let server: RunningServer;
const API_KEY = 'transport-test-key-000000000000000000000000000';
const FILE_BYTES = new TextEncoder().encode('0123456789abcdefghij');

/** Five runs of `demo/mnist`, each with one small file. */
function dataset(): Dataset {
  const runs: DatasetRun[] = Array.from({ length: 5 }, (_, i) =>
    datasetRun({
      entity: 'demo',
      project: 'mnist',
      name: `run${i}`,
      displayName: `run ${i}`,
      createdAt: `2026-01-01T00:00:0${i}`,
      username: 'demo',
      files: [
        { name: 'notes.txt', mimetype: 'text/plain', bytes: FILE_BYTES, updatedAt: '2026-01-01T00:00:00' },
      ],
    }),
  );
  return {
    users: [{ username: 'demo', name: 'Demo', email: 'demo@localhost', apiKey: API_KEY, entity: 'demo' }],
    projects: [{ entity: 'demo', name: 'mnist', createdAt: '2026-01-01T00:00:00' }],
    runs,
    sweeps: [],
    reports: [],
  };
}

beforeAll(async () => {
  server = await startServer({ dataset: dataset() });
});
afterAll(async () => {
  await server?.close();
});
beforeEach(() => server.faults.clear());

function client(options: Partial<ClientOptions> = {}): GraphQLClient {
  return new GraphQLClient({
    baseUrl: server.url,
    apiKey: API_KEY,
    fetch,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    cache: false,
    ...options,
  });
}

/** The first demo run that has a file, and that file. */
async function someFile(api: GraphQLClient): Promise<{ url: string; sizeBytes: number }> {
  // Listing runs first, as a user would, then their files.
  const runs = await api.request(RunsDocument, { entity: 'demo', project: 'mnist', perPage: 50 });
  for (const edge of runs.project?.runs?.edges ?? []) {
    const name = edge.node?.name as string;
    const files = await api.request(RunFilesDocument, { entity: 'demo', project: 'mnist', name });
    const file = files.project?.run?.files?.edges.find((e) => (e.node?.sizeBytes ?? 0) > 2)?.node;
    if (file?.url) return { url: file.url, sizeBytes: file.sizeBytes };
  }
  throw new Error('demo data has no file');
}

describe('GraphQLClient against the local server', () => {
  it('authenticates with Basic auth and reads data', async () => {
    const { viewer } = await client().request(ViewerDocument, {});
    expect(viewer?.entity).toBeTruthy();
  });

  it('maps a wrong key to AuthenticationError without leaking it', async () => {
    const wrong = 'wrong-key-000000000000000000000000000000000';
    const error = await client({ apiKey: wrong })
      .request(RunsDocument, { entity: 'demo', project: 'mnist' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(JSON.stringify({ ...(error as object), message: (error as Error).message })).not.toContain(wrong);
  });

  it('retries through connection resets mid-body and 5xx', async () => {
    server.faults.failNext(1, 'reset');
    const api = client();
    expect((await api.request(ViewerDocument, {})).viewer).toBeTruthy();
    server.faults.failNext(2, 503);
    expect((await api.request(ViewerDocument, {})).viewer).toBeTruthy();
  });

  it('honours 429 Retry-After, and gives up with RateLimitError when it is past maxRetryAfterMs', async () => {
    const waits: number[] = [];
    server.faults.failNext(1, 429, 0);
    const api = client({ hooks: { retry: (e) => waits.push(e.delayMs) } });
    expect((await api.request(ViewerDocument, {})).viewer).toBeTruthy();
    expect(waits).toEqual([0]);
    server.faults.failNext(1, 429, 30);
    const error = await client({ retry: { budgetMs: 1000, maxRetryAfterMs: 10_000 } })
      .request(ViewerDocument, {})
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(30_000);
    expect((error as RateLimitError).message).toContain('wait 30 s');
  });

  it('times out a slow server with TimeoutError, and aborts on request', async () => {
    server.faults.update({ latencyMs: 300 });
    const api = client({ timeoutMs: 50 });
    await expect(api.request(ViewerDocument, {}, { retry: false })).rejects.toBeInstanceOf(TimeoutError);
    const controller = new AbortController();
    const pending = client().request(ViewerDocument, {}, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('pages through runs with a Pager', async () => {
    const api = client();
    const runs = new Pager(async (cursor, signal) => {
      const data = await api.request(
        RunsDocument,
        { entity: 'demo', project: 'mnist', cursor, perPage: 2 },
        { signal },
      );
      return pageFromConnection(data.project?.runs, (node) => node.name, data.project?.runCount);
    });
    const names = await runs.toArray({ limit: 100 });
    expect(names.length).toBe(await runs.length());
    expect(new Set(names).size).toBe(names.length);
  });

  it('downloads a file whole, and resumes from an offset after a reset mid-body', async () => {
    const api = client();
    const file = await someFile(api);
    const whole = new Uint8Array(await (await api.fetchFile(file.url)).arrayBuffer());
    expect(whole).toEqual(FILE_BYTES);

    server.faults.update({ failNext: 1, failStatus: 'reset', targets: ['files'] });
    const received: number[] = [];
    const reader = (await api.fetchFile(file.url)).body?.getReader();
    await expect(
      (async () => {
        for (;;) {
          const { done, value } = (await reader?.read()) ?? { done: true, value: undefined };
          if (done) return;
          received.push(...value);
        }
      })(),
    ).rejects.toThrow();
    expect(received.length).toBeLessThan(FILE_BYTES.length);

    const rest = await api.fetchFile(file.url, { offset: received.length });
    const info = describeFileResponse(rest, received.length);
    expect(info).toEqual({ offset: received.length, totalBytes: FILE_BYTES.length, rangeIgnored: false });
    expect([...received, ...new Uint8Array(await rest.arrayBuffer())]).toEqual([...FILE_BYTES]);
  });

  it('reports a missing file URL as NotFoundError', async () => {
    const api = client();
    const file = await someFile(api);
    await expect(api.fetchFile(`${file.url}-missing`)).rejects.toBeInstanceOf(NotFoundError);
  });
});
