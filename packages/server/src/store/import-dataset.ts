import type { Dataset } from '../demo/dataset';
import { exportHistory } from '../exports/export-history';
import type { Store } from './store';
import { insertReport, insertSweep, insertUser, upsertProject } from './write-objects';
import { insertRun } from './write-run';

/** What {@link importDataset} loaded. */
export interface ImportSummary {
  users: number;
  projects: number;
  runs: number;
  sweeps: number;
  reports: number;
}

/**
 * Loads a data set: users, projects, sweeps and reports in one transaction, then each run
 * (with its history, events and files) in its own transaction, so a crash never leaves half a run
 * and a generator of 100k runs never sits in memory. Runs with `historyExport` are then exported.
 */
export function importDataset(store: Store, dataset: Dataset): ImportSummary {
  const summary: ImportSummary = { users: 0, projects: 0, runs: 0, sweeps: 0, reports: 0 };
  store.transaction(() => {
    for (const user of dataset.users ?? []) {
      insertUser(store, user);
      summary.users += 1;
    }
    for (const project of dataset.projects ?? []) {
      upsertProject(store, project);
      summary.projects += 1;
    }
    for (const sweep of dataset.sweeps ?? []) {
      insertSweep(store, sweep);
      summary.sweeps += 1;
    }
    for (const report of dataset.reports ?? []) {
      insertReport(store, report);
      summary.reports += 1;
    }
  });
  for (const run of dataset.runs ?? []) {
    const row = store.transaction(() => insertRun(store, run));
    if (run.historyExport) exportHistory(store, row.id, run.historyExport);
    summary.runs += 1;
  }
  return summary;
}
