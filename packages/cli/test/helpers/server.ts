import { DEMO_API_KEY, datasetRun, startServer, type DatasetRun, type RunningServer } from '@wbapi/server';
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

/** A demo server for the file: {@link RUNS} runs in demo/mnist plus demo/awkward; faults cleared after each test. */
export function useDemoServer(): () => RunningServer {
  let server: RunningServer | undefined;
  beforeAll(async () => {
    server = await startServer({
      port: 0,
      host: '127.0.0.1',
      demo: { projectsPerEntity: 1, runsPerProject: RUNS, historyLength: 120, sweeps: 0, reports: 0 },
      dataset: {
        users: [],
        projects: [{ entity: 'demo', name: 'awkward', createdAt: '2024-05-01T10:00:00' }],
        runs: [awkwardRun()],
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
