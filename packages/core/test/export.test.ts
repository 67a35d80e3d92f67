import { startServer, DEMO_API_KEY, type RunningServer } from '@wbapi/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AdaptiveConcurrency, exportRuns } from '../src';
import {
  Api,
  RateLimitError,
  type ApiOptions,
  type ExportedRun,
  type ExportProgress,
  type HistoryRow,
} from '../src';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({
    port: 0,
    host: '127.0.0.1',
    demo: { projectsPerEntity: 1, runsPerProject: 9, historyLength: 130, sweeps: 0, reports: 0 },
  });
}, 60_000);
afterEach(() => server.faults.clear());
afterAll(() => server.close());

const PROJECT = 'demo/mnist';

function demoApi(options: ApiOptions = {}): Api {
  return new Api({ baseUrl: server.url, apiKey: DEMO_API_KEY, cache: false, ...options });
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/** Runs already listed, as an export source. */
async function* listing<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}

/** What a user would compare: ids in order, config, summary and history of each run. */
const shape = (runs: ExportedRun[]): unknown[] =>
  runs.map(({ id, config, summary, history }) => ({ id, config, summary, history }));

/** The same, read one run after another with the plain client. */
async function oneByOne(full: boolean, samples = 500): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const run of demoApi().runs(PROJECT)) {
    const history: HistoryRow[] = full ? await collect(run.scanHistory()) : await run.history({ samples });
    out.push({ id: run.id, config: run.config, summary: run.summary, history });
  }
  return out;
}

describe('exportRuns', () => {
  it('a full export equals what the client reads run by run, in listing order', async () => {
    const progress: ExportProgress[] = [];
    const exported = await collect(
      exportRuns(demoApi().runs(PROJECT), { full: true, pageSize: 50, onProgress: (p) => progress.push(p) }),
    );
    expect(exported).toHaveLength(9);
    expect(exported.every((run) => run.history.length === 130)).toBe(true);
    expect(shape(exported)).toEqual(await oneByOne(true));
    const last = progress[progress.length - 1];
    expect(last).toMatchObject({ runsDone: 9, runsTotal: 9, rows: 9 * 130, etaSeconds: 0 });
    expect(last?.bytes).toBeGreaterThan(9 * 130 * 20);
    expect(progress[0]).toMatchObject({ runsDone: 0, runsTotal: 9, rows: 0 });
  });

  it('a sampled export equals run.history() of each run', async () => {
    const exported = await collect(exportRuns(demoApi().runs(PROJECT), { samples: 20, concurrency: 3 }));
    expect(exported.every((run) => run.history.length === 20)).toBe(true);
    expect(shape(exported)).toEqual(await oneByOne(false, 20));
  });

  it('skips the runs `skip` names and counts them as done', async () => {
    const all = await collect(exportRuns(demoApi().runs(PROJECT), { samples: 5 }));
    const done = new Set(all.slice(0, 4).map((run) => run.id));
    const progress: ExportProgress[] = [];
    const rest = await collect(
      exportRuns(demoApi().runs(PROJECT), {
        samples: 5,
        skip: (run) => done.has(run.id),
        onProgress: (p) => progress.push(p),
      }),
    );
    expect(rest.map((run) => run.id)).toEqual(all.slice(4).map((run) => run.id));
    expect(progress[progress.length - 1]).toMatchObject({ runsDone: 9, runsSkipped: 4 });
  });

  it('429 bursts slow it down instead of failing it', async () => {
    const limiter = new AdaptiveConcurrency({ max: 4, increaseAfter: 2, cooldownMs: 0 });
    const api = demoApi({ hooks: limiter.hooks, retry: { baseDelayMs: 1, jitter: 0 } });
    const expected = await oneByOne(true);
    const before = server.faults.stats.injected;
    server.faults.update({ rateLimitRate: 0.3, retryAfterSeconds: 0.05, seed: 7 });
    const seen: number[] = [];
    const exported = await collect(
      exportRuns(api.runs(PROJECT), {
        full: true,
        pageSize: 40,
        concurrency: limiter,
        onProgress: (p) => seen.push(p.concurrency),
      }),
    );
    expect(server.faults.stats.injected - before).toBeGreaterThan(3);
    expect(shape(exported)).toEqual(expected);
    expect(Math.min(...seen)).toBeLessThan(4);
  });

  it('retries a run itself when the client gives up on a 429', async () => {
    const expected = await oneByOne(false, 10);
    const runs = await demoApi().runs(PROJECT).toArray({ limit: 100 });
    server.faults.failNext(5, 429, 0.05);
    const seen: number[] = [];
    const exported = await collect(
      exportRuns(listing(runs), {
        samples: 10,
        retry: false,
        onProgress: (p) => seen.push(p.concurrency),
      }),
    );
    expect(shape(exported)).toEqual(expected);
    expect(seen).toContain(2);
  });

  it('gives up on a run after maxRateLimitRetries', async () => {
    const runs = await demoApi().runs(PROJECT).toArray({ limit: 100 });
    const before = server.faults.stats.injected;
    server.faults.update({ rateLimitRate: 1, retryAfterSeconds: 0.01 });
    await expect(
      collect(exportRuns(listing(runs), { samples: 10, retry: false, maxRateLimitRetries: 2 })),
    ).rejects.toBeInstanceOf(RateLimitError);
    // The first try and two more, for each of the (at most 4) runs in flight.
    expect(server.faults.stats.injected - before).toBeGreaterThanOrEqual(3);
  });

  it('stops with the abort reason when the signal aborts', async () => {
    const controller = new AbortController();
    const got: string[] = [];
    const run = async (): Promise<void> => {
      for await (const item of exportRuns(demoApi().runs(PROJECT), {
        full: true,
        signal: controller.signal,
      })) {
        got.push(item.id);
        if (got.length === 2) controller.abort();
      }
    };
    await expect(run()).rejects.toMatchObject({ name: 'AbortError' });
    expect(got).toHaveLength(2);
  });
});

describe('runs.histories', () => {
  it('puts every run’s sampled history in one table with run_id, in listing order', async () => {
    const api = demoApi();
    const rows = await api.runs(PROJECT).histories({ samples: 7, keys: ['loss'], concurrency: 2 });
    const expected: HistoryRow[] = [];
    for await (const run of api.runs(PROJECT)) {
      for (const row of await run.history({ samples: 7, keys: ['loss'] }))
        expected.push({ ...row, run_id: run.id });
    }
    expect(rows).toHaveLength(9 * 7);
    expect(rows).toEqual(expected);
  });

  it('gives columns with format: columns', async () => {
    const columns = await demoApi().runs(PROJECT).histories({ samples: 3, format: 'columns' });
    expect(columns['run_id']).toHaveLength(27);
    expect(columns['_step']).toHaveLength(27);
  });
});
