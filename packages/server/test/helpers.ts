import type { Dataset, DatasetRun } from '../src/demo/dataset';
import { startServer, type RunningServer, type StartServerOptions } from '../src/index';

/** API key of the test user `ada` (entity `e`). */
export const KEY = 'a'.repeat(40);
/** API key of a second user `bob` (entity `bob`). */
export const OTHER_KEY = 'b'.repeat(40);

/** History rows of a test run: steps 0..n-1, `acc` only on even steps. */
export function historyRows(n: number): Record<string, unknown>[] {
  return Array.from({ length: n }, (_, step) => ({
    _step: step,
    _runtime: step * 1.5,
    _timestamp: 1704164640 + step,
    loss: 1 / (step + 1),
    ...(step % 2 === 0 ? { acc: step / n } : {}),
  }));
}

/** A run of project e/p with sensible defaults. */
export function testRun(i: number, extra: Partial<DatasetRun> = {}): DatasetRun {
  const name = `run${String(i).padStart(5, '0')}`;
  return {
    entity: 'e',
    project: 'p',
    name,
    displayName: `run-${i}`,
    state: i % 3 === 2 ? 'crashed' : 'finished',
    createdAt: `2024-01-0${1 + (i % 9)}T10:00:${String(i % 60).padStart(2, '0')}`,
    heartbeatAt: '2024-01-10T00:00:00',
    username: 'ada',
    tags: i % 2 === 0 ? ['baseline'] : [],
    group: null,
    jobType: 'train',
    notes: null,
    sweep: i < 3 ? 'sweep001' : null,
    config: {
      lr: { value: 0.01 * (i + 1), desc: null },
      batch_size: { value: i % 2 === 0 ? 32 : 64, desc: null },
    },
    summary: { loss: 0.5 - i * 0.01, acc: 0.9, _step: 9 },
    systemMetrics: { 'system.cpu': 12.5 },
    history: historyRows(10),
    events: [
      { 'system.cpu': 10, _runtime: 1, _timestamp: 1704164641 },
      { 'system.cpu': 20, _runtime: 2, _timestamp: 1704164642 },
    ],
    files:
      i === 0
        ? [
            {
              name: 'x.txt',
              mimetype: 'text/plain',
              bytes: Buffer.from('hello world\n'),
              updatedAt: '2024-01-01T10:05:00',
            },
            {
              name: 'media/a.json',
              mimetype: 'application/json',
              bytes: Buffer.from('{"a":1}'),
              updatedAt: '2024-01-01T10:06:00',
            },
          ]
        : [],
    ...extra,
  };
}

/** The data set the tests (and the captured requests) address: entity e, project p, run00000.., sweep001, x.txt. */
export function testDataset(runs = 5): Dataset {
  return {
    users: [
      {
        username: 'ada',
        name: 'Ada Lovelace',
        email: 'ada@example.test',
        apiKey: KEY,
        entity: 'e',
        teams: ['team1'],
      },
      { username: 'bob', name: 'Bob', email: 'bob@example.test', apiKey: OTHER_KEY, entity: 'bob' },
    ],
    projects: [
      { entity: 'e', name: 'p', createdAt: '2024-01-01T09:00:00' },
      { entity: 'e', name: 'q', createdAt: '2024-01-02T09:00:00' },
    ],
    runs: Array.from({ length: runs }, (_, i) => testRun(i)),
    sweeps: [
      {
        entity: 'e',
        project: 'p',
        name: 'sweep001',
        displayName: 'lr-search',
        method: 'bayes',
        state: 'FINISHED',
        config:
          'method: bayes\nmetric:\n  name: loss\n  goal: minimize\nparameters:\n  lr:\n    min: 0.001\n    max: 0.1\n',
        createdAt: '2024-01-01T08:00:00',
        runCountExpected: 3,
      },
    ],
    reports: [
      {
        entity: 'e',
        project: 'p',
        id: 'r1',
        name: '7f3a9b2c1d',
        displayName: 'Weekly Results',
        description: 'lr sweep summary',
        username: 'ada',
        spec: { version: 5, panelGroups: [] },
        createdAt: '2024-01-03T12:00:00',
        updatedAt: '2024-01-04T08:00:00',
      },
    ],
  };
}

/** Starts a server with the test data set loaded. */
export async function startTestServer(options: StartServerOptions = {}, runs = 5): Promise<RunningServer> {
  return startServer({ dataset: testDataset(runs), apiKeys: [KEY], ...options });
}

/** Authorization header value for a key. */
export function basic(key: string): string {
  return `Basic ${Buffer.from(`api:${key}`).toString('base64')}`;
}

/** A parsed GraphQL response with its status and headers. */
export interface GqlResponse {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** POSTs a GraphQL request as plain HTTP (no client library). */
export async function gql(
  server: { url: string },
  query: string,
  variables: Record<string, unknown> = {},
  options: { key?: string | null; headers?: Record<string, string> } = {},
): Promise<GqlResponse> {
  const key = options.key === undefined ? KEY : options.key;
  const res = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(key === null ? {} : { Authorization: basic(key) }),
      ...options.headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}
