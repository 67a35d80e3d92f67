import type Database from 'better-sqlite3';
import { compileRunFilter } from '../../src/query/compile-filter';
import { type TestRun, createTestDb, insertRuns } from './test-db';

/** Five runs covering columns, tags, nested config, arrays, nulls, NaN and Infinity (project 1). */
export const FILTER_RUNS: TestRun[] = [
  {
    name: 'a',
    state: 'finished',
    createdAt: '2024-01-01T00:00:00',
    heartbeatAt: '2024-01-01T01:00:00',
    tags: ['baseline', 'gpu'],
    group: 'g1',
    jobType: 'train',
    host: 'h1',
    config: {
      lr: { value: 0.01, desc: null },
      batch_size: { value: 32 },
      optimizer: { value: { name: 'adam', betas: [0.9, 0.999] } },
      _wandb: { value: { cli_version: '0.21.4' } },
    },
    summary: { loss: 0.5, acc: 0.8, eval: { loss: 0.6 }, flag: true },
    systemMetrics: { 'system.cpu': 12.5 },
    historyKeys: { lastStep: 9, keys: { loss: { previousValue: 0.5 }, 'eval.loss': { previousValue: 0.6 } } },
  },
  {
    name: 'b',
    state: 'running',
    createdAt: '2024-01-02T00:00:00',
    tags: [],
    config: { lr: { value: 0.1 }, batch_size: { value: '32' } },
    summary: '{"loss": NaN, "acc": 0.9, "flag": false}',
  },
  {
    name: 'c',
    state: 'crashed',
    createdAt: '2024-01-03T00:00:00',
    tags: ['gpu'],
    sweep: 'sw1',
    config: { lr: { value: null }, optimizer: { value: { name: 'sgd' } } },
    summary: '{"loss": Infinity, "acc": 0.7}',
  },
  {
    name: 'd',
    state: 'finished',
    createdAt: '2024-01-04T00:00:00',
    displayName: null,
    tags: ['baseline'],
    sweep: 'sw1',
    config: { batch_size: { value: 64 } },
    summary: { loss: 0.2, acc: 'n/a' },
  },
  {
    name: 'e',
    state: 'failed',
    createdAt: '2024-01-05T00:00:00',
    tags: ['x.y'],
    jobType: 'eval',
    config: { lr: { value: [0.1, 0.2] }, optimizer: { value: { name: 'adam', betas: [0.8, 0.99] } } },
    summary: { loss: -1, tags: [1, 2, 3] },
  },
  { name: 'z', projectId: 2, state: 'finished', tags: ['gpu'] },
];

/** A database holding {@link FILTER_RUNS} and a `names(filter)` helper (project 1, by name). */
export function filterFixture(storage: 'text' | 'jsonb' = 'text'): {
  db: Database.Database;
  names(filter: unknown): string[];
} {
  const db = createTestDb();
  insertRuns(db, FILTER_RUNS, storage);
  return {
    db,
    names(filter) {
      const where = compileRunFilter(filter);
      const rows = db
        .prepare(`SELECT name FROM runs r WHERE r.project_id = 1 AND (${where.sql}) ORDER BY name`)
        .all(...where.params) as { name: string }[];
      return rows.map((row) => row.name);
    },
  };
}
