import type { Store } from '../store/store';

/** How many runs of the first project {@link describeData} names. */
const RUNS_SHOWN = 3;

/**
 * A few lines saying what the server holds: per entity its projects with run counts, the first
 * run ids of the first project, the sweeps and the reports, each as a path to paste into a
 * client. Read from the store, so it matches the data whatever generated it.
 *
 * @example
 * ```ts
 * process.stdout.write(describeData(server.store));
 * ```
 */
export function describeData(store: Store): string {
  const projects = store
    .prepare<{ id: number; path: string; runs: number }>(
      `SELECT p.id, p.entity_name || '/' || p.name AS path,
              (SELECT COUNT(*) FROM runs r WHERE r.project_id = p.id) AS runs
         FROM projects p ORDER BY p.id`,
    )
    .all();
  const first = projects.find((project) => project.runs > 0);
  if (!first) return '  no runs yet\n';
  const runIds = store
    .prepare<{ name: string }>(`SELECT name FROM runs WHERE project_id = ? ORDER BY created_at, id LIMIT ?`)
    .all(first.id, RUNS_SHOWN)
    .map((run) => run.name);
  const sweeps = store
    .prepare<{ path: string; runs: number }>(
      `SELECT p.entity_name || '/' || p.name || '/' || s.name AS path,
              (SELECT COUNT(*) FROM runs r WHERE r.project_id = s.project_id AND r.sweep_name = s.name) AS runs
         FROM sweeps s JOIN projects p ON p.id = s.project_id ORDER BY s.id`,
    )
    .all();
  const reports = store
    .prepare<{ path: string; name: string }>(
      `SELECT p.entity_name || '/' || p.name AS path, COALESCE(v.display_name, v.name) AS name
         FROM views v JOIN projects p ON p.id = v.project_id ORDER BY v.id`,
    )
    .all();
  const lines = [
    `  projects  ${projects.map((project) => `${project.path} (${project.runs} runs)`).join(', ')}`,
    `  runs      ${runIds.map((id) => `${first.path}/${id}`).join(', ')}${first.runs > RUNS_SHOWN ? ', ...' : ''}`,
  ];
  if (sweeps.length > 0) {
    lines.push(`  sweeps    ${sweeps.map((sweep) => `${sweep.path} (${sweep.runs} runs)`).join(', ')}`);
  }
  if (reports.length > 0) {
    lines.push(`  reports   ${reports.map((report) => `"${report.name}" in ${report.path}`).join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}
