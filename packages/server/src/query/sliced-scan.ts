import type { Database } from 'better-sqlite3';
import { type QueryDeadline, underDeadline } from './query-budget';
import type { Sql } from './sql';

/** Run ids scanned per statement: small enough that one slice costs milliseconds. */
const SLICE_IDS = 256;

/**
 * The ids of the runs of a project matching `where` (a compiled filter over alias `r`), found by
 * scanning the project's id range a slice at a time and handing the event loop back to other
 * requests every few milliseconds: a costly filter never stalls the server, and the deadline is
 * checked between slices and by the SQL functions inside them.
 *
 * @throws QueryBudgetError once the deadline has passed.
 */
export async function scanMatchingIds(
  db: Database,
  projectId: number,
  where: Sql,
  deadline: QueryDeadline,
): Promise<number[]> {
  const bounds = db
    .prepare('SELECT min(id) AS low, max(id) AS high FROM runs WHERE project_id = ?')
    .get(projectId) as { low: number | null; high: number | null };
  if (bounds.low === null || bounds.high === null) return [];
  const slice = db
    .prepare(`SELECT r.id FROM runs r WHERE r.id >= ? AND r.id < ? AND r.project_id = ? AND (${where.text})`)
    .pluck();
  const ids: number[] = [];
  for (let from = bounds.low; from <= bounds.high; from += SLICE_IDS) {
    if (deadline.due()) await deadline.pause();
    const found = underDeadline(
      deadline,
      () => slice.all(from, from + SLICE_IDS, projectId, ...where.params) as number[],
    );
    for (const id of found) ids.push(id);
  }
  deadline.check();
  return ids;
}
