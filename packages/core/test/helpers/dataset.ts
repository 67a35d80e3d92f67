import { datasetRun, type Dataset, type DatasetRun } from '@wbapi/server';

/** The test user's API key (the server requires 40+ characters). */
export const API_KEY = 'test_' + 'k'.repeat(40);

/** Number of runs in acme/mnist. */
export const MNIST_RUNS = 12;

const iso = (minute: number): string => `2024-05-01T10:${String(minute).padStart(2, '0')}:00`;

function baseRun(overrides: Partial<DatasetRun> & Pick<DatasetRun, 'project' | 'name'>): DatasetRun {
  return datasetRun({ entity: 'acme', createdAt: iso(0), username: 'ada', ...overrides });
}

/** Run `r<i>` of acme/mnist: lr = (i+1)/1000, batch 16/32, loss 1/(i+1), tags by parity, sweep sw1 for i < 4. */
export function mnistRun(i: number, minute = i): DatasetRun {
  const states = ['finished', 'running', 'crashed'];
  return baseRun({
    project: 'mnist',
    name: `r${String(i).padStart(2, '0')}`,
    displayName: `run-${i}`,
    state: states[i % 3] ?? 'finished',
    createdAt: iso(minute),
    heartbeatAt: iso(minute + 1),
    tags: i % 2 === 0 ? ['even', 'baseline'] : ['odd'],
    group: i < 6 ? 'g1' : 'g2',
    jobType: 'train',
    notes: i === 0 ? 'first try' : null,
    sweep: i < 4 ? 'sw1' : null,
    config: {
      lr: { value: (i + 1) / 1000, desc: 'learning rate' },
      batch: { value: i % 2 === 0 ? 16 : 32, desc: null },
      arch: { value: { layers: i + 1, name: `net${i}` }, desc: null },
      _wandb: { value: { cli_version: '0.21.4' } },
    },
    summary: {
      loss: 1 / (i + 1),
      acc: i / MNIST_RUNS,
      ...(i < 4 ? { val_loss: [0.5, 0.2, 0.9, 0.3][i] } : {}),
      ...(i === 11 ? { best: Infinity, weird: NaN } : {}),
    },
    systemMetrics: { 'system.cpu': 10 + i },
  });
}

function historyRows(steps: number[]): Array<Record<string, unknown>> {
  return steps.map((step) => ({
    _step: step,
    _runtime: step * 2,
    _timestamp: 1714557600 + step,
    loss: 1 / (step + 1),
    ...(step % 2 === 0 ? { acc: step / 1000 } : {}),
  }));
}

const range = (n: number, stride = 1): number[] => Array.from({ length: n }, (_, i) => i * stride);

/** The data every integration test starts from. */
export function testDataset(): Dataset {
  const runs: DatasetRun[] = Array.from({ length: MNIST_RUNS }, (_, i) => mnistRun(i));
  runs.push(
    baseRun({
      project: 'history',
      name: 'dense',
      createdAt: iso(0),
      history: historyRows(range(250)),
      events: range(20).map((i) => ({ 'system.cpu': i, _runtime: i * 10, _timestamp: 1714557600 + i * 10 })),
    }),
    baseRun({ project: 'history', name: 'gappy', createdAt: iso(1), history: historyRows(range(101, 3)) }),
    baseRun({ project: 'history', name: 'single', createdAt: iso(2), history: historyRows([0]) }),
    baseRun({ project: 'history', name: 'empty', createdAt: iso(3) }),
    baseRun({
      project: 'files',
      name: 'withfiles',
      files: [
        {
          name: 'config.yaml',
          mimetype: 'application/x-yaml',
          bytes: new TextEncoder().encode('lr: 0.1\n'),
          updatedAt: iso(5),
        },
        {
          name: 'data/metrics.json',
          mimetype: 'application/json',
          bytes: new TextEncoder().encode('{"a": 1}'),
          updatedAt: iso(6),
        },
        {
          name: 'model.bin',
          mimetype: 'application/octet-stream',
          bytes: Uint8Array.from({ length: 5000 }, (_, i) => (i * 7) % 256),
          updatedAt: iso(7),
        },
        ...range(7).map((i) => ({
          name: `media/img_${i}.png`,
          mimetype: 'image/png',
          bytes: Uint8Array.of(i),
          updatedAt: iso(8),
        })),
      ],
    }),
  );
  return {
    users: [
      { username: 'ada', name: 'Ada Lovelace', email: 'ada@example.test', apiKey: API_KEY, entity: 'acme' },
    ],
    projects: [
      { entity: 'acme', name: 'mnist', createdAt: iso(0) },
      { entity: 'acme', name: 'history', createdAt: iso(0) },
      { entity: 'acme', name: 'files', createdAt: iso(0) },
      { entity: 'acme', name: 'empty', createdAt: iso(0) },
      ...range(5).map((i) => ({ entity: 'acme', name: `extra${i}`, createdAt: iso(i) })),
    ],
    runs,
    sweeps: [
      {
        entity: 'acme',
        project: 'mnist',
        name: 'sw1',
        displayName: 'lr-search',
        method: 'bayes',
        state: 'FINISHED',
        config:
          'method: bayes\nmetric:\n  name: val_loss\n  goal: minimize\nparameters:\n  lr:\n    min: 0.0001\n    max: 0.1\n',
        createdAt: iso(0),
        runCountExpected: 20,
      },
      {
        entity: 'acme',
        project: 'mnist',
        name: 'sw2',
        displayName: null,
        method: 'grid',
        state: 'RUNNING',
        config: 'name: from-config\nmethod: grid\nmetric:\n  name: val_loss\n  goal: maximize\n',
        createdAt: iso(1),
      },
    ],
    reports: [
      {
        entity: 'acme',
        project: 'mnist',
        id: 'Vmlldzox',
        name: 'weekly',
        displayName: 'Weekly Results: lr',
        description: 'lr summary',
        username: 'ada',
        createdAt: iso(1),
        updatedAt: iso(2),
        spec: {
          version: 5,
          panelGroups: [
            {
              name: 'Section 1',
              openRunSet: 0,
              runSets: [
                {
                  filters: {
                    op: 'OR',
                    filters: [
                      {
                        op: 'AND',
                        filters: [{ key: { section: 'run', name: 'state' }, op: '=', value: 'finished' }],
                      },
                    ],
                  },
                  sort: { key: { section: 'summary', name: 'loss' }, ascending: true },
                  selections: { root: 1, bounds: [], tree: ['r00', 'r03', 'r01'] },
                },
              ],
            },
          ],
        },
      },
      {
        entity: 'acme',
        project: 'mnist',
        id: 'Vmlldzoy',
        name: 'other',
        displayName: 'Other',
        description: '',
        username: 'ada',
        createdAt: iso(3),
        updatedAt: iso(4),
        spec: { version: 5, blocks: [] },
      },
    ],
  };
}
