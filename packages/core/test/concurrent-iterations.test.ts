import { describe, expect, it } from 'vitest';
import { createSession, listRuns, scanHistory, type HistoryRow } from '../src';
import { API_KEY, MNIST_RUNS } from './helpers/dataset';
import { useTestServer } from './helpers/lifecycle';
import { testApi } from './helpers/server';

const testServer = useTestServer();

const steps = (rows: HistoryRow[]): unknown[] => rows.map((row) => row['_step']);
const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);

/** Collects `iterable`, calling `onItem` after each item (e.g. to inject faults part way). */
async function collect<T>(
  iterable: AsyncIterable<T>,
  onItem: (count: number) => void = () => {},
): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) {
    out.push(item);
    onItem(out.length);
  }
  return out;
}

// Iteration state lives in each iteration: two loops over one object, at the same time, with
// the server failing requests part way through one of them, each get every item exactly once.
describe('two concurrent iterations of one pager', () => {
  it('of one history scan each get every row once, with faults injected during one', async () => {
    const api = testApi(testServer(), { retry: { maxRetries: 5, baseDelayMs: 1, jitter: 0 } });
    const run = await api.run('acme/history/dense');
    const scan = run.scanHistory({ pageSize: 10 });
    const [faulted, quiet] = await Promise.all([
      collect(scan, (count) => {
        if (count === 25) testServer().faults.failNext(3, 503);
        if (count === 120) testServer().faults.failNext(2, 'reset');
      }),
      collect(scan),
    ]);
    expect(steps(faulted)).toEqual(range(0, 250));
    expect(steps(quiet)).toEqual(range(0, 250));
    expect(testServer().faults.stats.injected).toBeGreaterThan(0);
  });

  it('of one runs listing each get every run once, with faults injected during one', async () => {
    const api = testApi(testServer(), { retry: { maxRetries: 5, baseDelayMs: 1, jitter: 0 } });
    const runs = api.runs('acme/mnist', { perPage: 3, order: '+created_at' });
    const [faulted, quiet] = await Promise.all([
      collect(runs, (count) => {
        if (count === 4) testServer().faults.failNext(2, 503);
      }),
      collect(runs),
    ]);
    const ids = (list: { id: string }[]): string[] => list.map((run) => run.id);
    expect(faulted).toHaveLength(MNIST_RUNS);
    expect(new Set(ids(faulted)).size).toBe(MNIST_RUNS);
    expect(ids(quiet)).toEqual(ids(faulted));
  });

  it('of the functions layer behave the same (listRuns, scanHistory on a session)', async () => {
    const server = testServer();
    const session = createSession({
      baseUrl: server.url,
      apiKey: API_KEY,
      cache: false,
      retry: { maxRetries: 5, baseDelayMs: 1, maxDelayMs: 2, jitter: 0 },
    });
    const ref = { entity: 'acme', project: 'history', id: 'dense' };
    const scan = scanHistory(session, ref, { keys: ['loss'], pageSize: 7 });
    const [a, b] = await Promise.all([
      collect(scan, (n) => n === 30 && server.faults.failNext(2, 503)),
      collect(scan),
    ]);
    expect(steps(a)).toEqual(steps(b));
    expect(new Set(steps(a)).size).toBe(a.length);
    const listed = listRuns(session, { entity: 'acme', project: 'mnist' }, { perPage: 4 });
    const [x, y] = await Promise.all([collect(listed), collect(listed)]);
    expect(x.map((r) => r.id)).toEqual(y.map((r) => r.id));
    expect(x).toHaveLength(MNIST_RUNS);
  });
});
