import type { ProjectRow, RunRow, UserRow } from '../store/rows';
import type { ExportService } from '../exports/export-service';
import type { QueryDeadline } from '../query/query-budget';
import type { Store } from '../store/store';

/** Per-request state handed to every resolver. */
export interface Context {
  store: Store;
  /** The user the API key belongs to; null for an anonymous request. */
  viewer: UserRow | null;
  /** Base URL of this server as the client reached it (file URLs are built on it). */
  baseUrl: string;
  /** Projects and runs already loaded during this request, by row id. */
  projects: Map<number, ProjectRow>;
  runs: Map<number, RunRow>;
  /** Users already looked up during this request, by username. */
  users: Map<string, UserRow | undefined>;
  /** The time budget of this request (`queryBudgetMs`), checked by every resolver. */
  deadline: QueryDeadline;
  /** Signs history export URLs and schedules exports of finished runs. */
  exports?: ExportService;
}

/** A project by row id, loaded once per request. */
export function projectOf(ctx: Context, projectId: number): ProjectRow {
  let project = ctx.projects.get(projectId);
  if (!project) {
    project = ctx.store
      .prepare<ProjectRow>('SELECT * FROM projects WHERE id = ?')
      .get(projectId) as ProjectRow;
    ctx.projects.set(projectId, project);
  }
  return project;
}

/** A run by row id, loaded once per request. */
export function runOf(ctx: Context, runId: number): RunRow {
  let run = ctx.runs.get(runId);
  if (!run) {
    run = ctx.store.prepare<RunRow>('SELECT * FROM runs WHERE id = ?').get(runId) as RunRow;
    ctx.runs.set(runId, run);
  }
  return run;
}
