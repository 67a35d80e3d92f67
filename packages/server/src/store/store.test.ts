import { afterEach, describe, expect, it } from 'vitest';
import type { DatasetRun } from '../demo/dataset';
import { datasetRun } from '../demo/dataset-run';
import { Store } from './store';

function run(name: string, history: Iterable<Record<string, unknown>>): DatasetRun {
  return datasetRun({
    entity: 'e',
    project: 'p',
    name,
    createdAt: '2024-01-01T00:00:00Z',
    username: 'u',
    history,
  });
}

function* failingHistory(): Iterable<Record<string, unknown>> {
  for (let step = 0; step < 500; step++) yield { _step: step, loss: 1 };
  throw new Error('disk on fire');
}

let store: Store;
afterEach(() => store.close());

describe('Store', () => {
  it('never leaves half a run when an import fails part-way', () => {
    store = new Store();
    const dataset = {
      users: [],
      projects: [],
      sweeps: [],
      reports: [],
      runs: [run('ok', [{ loss: 1 }, { loss: 2 }]), run('broken', failingHistory())],
    };
    expect(() => store.importDataset(dataset)).toThrow('disk on fire');
    expect(store.run('e', 'p', 'ok')?.history_line_count).toBe(2);
    expect(store.run('e', 'p', 'broken')).toBeUndefined();
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM history').get()).toEqual({ n: 2 });
  });

  it('normalises timestamps to the W&B form', () => {
    store = new Store();
    const row = store.addRun(run('t', []));
    expect(row.created_at).toBe('2024-01-01T00:00:00');
  });

  it('replaces a run imported twice instead of duplicating it', () => {
    store = new Store();
    store.addRun(run('twice', [{ loss: 1 }]));
    store.addRun(run('twice', [{ loss: 1 }, { loss: 2 }, { loss: 3 }]));
    expect(store.db.prepare("SELECT COUNT(*) AS n FROM runs WHERE name = 'twice'").get()).toEqual({ n: 1 });
    expect(store.run('e', 'p', 'twice')?.history_line_count).toBe(3);
  });
});
