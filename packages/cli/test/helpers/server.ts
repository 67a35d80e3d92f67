import {
  DEMO_API_KEY,
  datasetRun,
  startServer,
  variedHistoryRows,
  type DatasetRun,
  type RunningServer,
} from '@wbapi/server';
import { afterAll, afterEach, beforeAll } from 'vitest';

/** The demo project the tests export. */
export const PROJECT = 'demo/mnist';
/** Its number of runs. */
export const RUNS = 8;

/** A run whose history keys and values are hard to write as CSV. */
function awkwardRun(): DatasetRun {
  return datasetRun({
    entity: 'demo',
    project: 'awkward',
    name: 'odd1',
    displayName: 'odd, "quoted"',
    createdAt: '2024-05-01T10:00:00',
    username: 'demo',
    config: { 'lr, initial': { value: 0.1, desc: null } },
    summary: { best: Infinity },
    history: [
      { _step: 0, 'a,b': 1, 'say "hi"': 'he said "no"', ' padded ': '  spaces  ', plain: NaN },
      { _step: 1, 'a,b': Infinity, 'multi\nline': 'line1\nline2', plain: -Infinity, late: 'x,y' },
      { _step: 2, 'a,b': -0.5, 'say "hi"': '', plain: 3 },
    ],
  });
}

/** The project whose runs log every kind of history value (nested, typed, mixed, NaN, null). */
export const VARIED_PROJECT = 'demo/varied';

/**
 * demo/varied: one run with the server's varied rows (nested dicts, a histogram, a key whose
 * type changes, explicit nulls, NaN/±Infinity, sparse keys and steps), one whose dotted names
 * collide (a key `a.b` beside `a: { b }`) and whose `run_id` key meets the combined file's column.
 */
function variedRuns(): DatasetRun[] {
  const base = { entity: 'demo', project: 'varied', username: 'demo', createdAt: '2024-05-02T10:00:00' };
  return [
    datasetRun({
      ...base,
      name: 'vary1',
      config: { optimizer: { value: { name: 'adam', betas: [0.9, 0.999] }, desc: null } },
      summary: { loss: NaN, best: { acc: 0.5 } },
      history: variedHistoryRows(40),
    }),
    datasetRun({
      ...base,
      name: 'vary2',
      config: { seed: { value: 2, desc: null } },
      summary: { acc: -Infinity },
      history: [
        { _step: 0, 'a.b': 1, a: { b: 2, c: 'x' }, run_id: 'mine', mixed: 'text' },
        { _step: 5, a: { b: Infinity }, mixed: 7 },
        { _step: 6, 'a.b': null, run_id: 3, extra: [1, [2]] },
      ],
    }),
  ];
}

/** A demo server for the file: {@link RUNS} runs in demo/mnist plus demo/awkward and demo/varied; faults cleared after each test. */
export function useDemoServer(): () => RunningServer {
  let server: RunningServer | undefined;
  beforeAll(async () => {
    server = await startServer({
      port: 0,
      host: '127.0.0.1',
      demo: { projectsPerEntity: 1, runsPerProject: RUNS, historyLength: 120, sweeps: 0, reports: 0 },
      dataset: {
        users: [],
        projects: [
          { entity: 'demo', name: 'awkward', createdAt: '2024-05-01T10:00:00' },
          { entity: 'demo', name: 'varied', createdAt: '2024-05-02T10:00:00' },
        ],
        runs: [awkwardRun(), ...variedRuns()],
        sweeps: [],
        reports: [],
      },
    });
  }, 60_000);
  afterEach(() => server?.faults.clear());
  afterAll(() => server?.close());
  return () => {
    if (!server) throw new Error('the demo server is not running');
    return server;
  };
}

/** Global flags pointing the CLI at `server`. */
export function serverFlags(server: RunningServer): string[] {
  return ['--base-url', server.url, '--api-key', DEMO_API_KEY];
}
