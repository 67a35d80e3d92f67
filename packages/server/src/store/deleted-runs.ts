import type { Store } from './store';

/**
 * Runs that were deleted, by entity, project and run id, so that a second `deleteRun` of the
 * same run succeeds as on W&B (wandb/wandb `wandb/apis/public/runs.py` `delete`) while a run that never existed is an error.
 */
export const DELETED_RUNS_SQL = `
CREATE TABLE IF NOT EXISTS deleted_runs (
  entity_name TEXT NOT NULL,
  project_name TEXT NOT NULL,
  run_name TEXT NOT NULL,
  PRIMARY KEY (entity_name, project_name, run_name)
) WITHOUT ROWID;
`;

/** Remembers that run `runId` is being deleted (call before its row goes). */
export function recordDeletedRun(store: Store, runId: number): void {
  store
    .prepare(
      `INSERT OR IGNORE INTO deleted_runs (entity_name, project_name, run_name)
       SELECT p.entity_name, p.name, r.name FROM runs r JOIN projects p ON p.id = r.project_id WHERE r.id = ?`,
    )
    .run(runId);
}

/** Whether a run of that entity, project and id was deleted before. */
export function wasRunDeleted(store: Store, entity: string, project: string, name: string): boolean {
  return !!store
    .prepare('SELECT 1 FROM deleted_runs WHERE entity_name = ? AND project_name = ? AND run_name = ?')
    .get(entity, project, name);
}
