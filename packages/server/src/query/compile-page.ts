import { compileRunFilter } from './compile-filter';
import { decodeCursor, encodeCursor } from './cursor';
import { FilterError } from './filter-error';
import { type SortPlan, parseOrder } from './order';
import { type Sql, TRUE, join, raw, sql } from './sql';

/** Prefix of the sort key columns added to page rows (`_sort_0`, `_sort_1`, ...). */
export const SORT_KEY_PREFIX = '_sort_';

function filterOf(projectId: number, filter: unknown): Sql {
  if (!Number.isSafeInteger(projectId)) throw new FilterError('The project id must be an integer');
  const where = compileRunFilter(filter);
  return sql`r.project_id = ${projectId} AND (${{ text: where.sql, params: where.params }})`;
}

function keyColumns(plan: SortPlan): string[] {
  return [...plan.keys.map((_, i) => `page.${SORT_KEY_PREFIX}${i}`), 'page.created_at', 'page.id'];
}

/** ORDER BY text over alias `page`: missing values last, then the keys, created_at and id. */
function orderingOf(plan: SortPlan): string {
  const dir = plan.descending ? 'DESC' : 'ASC';
  return [
    ...(plan.nullable ? [`page.${SORT_KEY_PREFIX}0 IS NULL`] : []),
    ...keyColumns(plan).map((c) => `${c} ${dir}`),
  ].join(', ');
}

/** Rows strictly after the cursor position in the plan's order. */
function after(plan: SortPlan, cursor: string): Sql {
  const position = decodeCursor(cursor, plan.signature, plan.keys.length);
  const cmp = raw(plan.descending ? '<' : '>');
  const tuple = (columns: string[], values: unknown[]): Sql =>
    sql`(${raw(columns.join(', '))}) ${cmp} (${join(
      values.map((v) => sql`${v}`),
      ', ',
    )})`;
  const present = (): Sql => tuple(keyColumns(plan), [...position.keys, position.createdAt, position.id]);
  if (!plan.nullable) return present();
  // Runs missing the value form a last group, ordered by created_at and id only.
  const missing = raw(`page.${SORT_KEY_PREFIX}0 IS NULL`);
  const ties = tuple(['page.created_at', 'page.id'], [position.createdAt, position.id]);
  if (position.keys[0] === null) return sql`(${missing} AND ${ties})`;
  return sql`(${missing} OR ${present()})`;
}

/**
 * Full page query over `runs` in one project: the rows (`r.*` plus `_sort_<i>` columns) matching
 * `filter`, in `order` (null → `-createdAt`), strictly after the `after` cursor, at most `first`.
 * Keyset pagination: stable under concurrent inserts; ties break on created_at then id (same
 * direction as the order); runs missing the sort value come last in both directions.
 *
 * @throws FilterError for a bad filter, order or cursor.
 */
export function compileRunPage(input: {
  projectId: number;
  filter: unknown;
  order: string | null | undefined;
  after: string | null | undefined;
  first: number;
}): { sql: string; params: unknown[]; cursorOf(row: Record<string, unknown>): string } {
  const plan = parseOrder(input.order);
  if (!Number.isFinite(input.first)) throw new FilterError('The page size must be a number');
  const limit = Math.max(0, Math.floor(input.first));
  const extra = plan.keys.map((key, i) => sql`${key} AS ${raw(`${SORT_KEY_PREFIX}${i}`)}`);
  const select = extra.length > 0 ? sql`r.*, ${join(extra, ', ')}` : raw('r.*');
  const ordering = orderingOf(plan);
  const keyset = input.after ? after(plan, input.after) : TRUE;
  // "LIMIT -1" keeps SQLite from flattening the subquery, so costly JSON keys are computed once
  // per row; cheap column orders stay flattened so that indexes on created_at can serve them.
  const inner = raw(plan.costly ? ' LIMIT -1' : '');
  const query = sql`SELECT * FROM (SELECT ${select} FROM runs r WHERE ${filterOf(input.projectId, input.filter)}${inner}) AS page WHERE ${keyset} ORDER BY ${raw(ordering)} LIMIT ${limit}`;
  return { sql: query.text, params: [...query.params], cursorOf: (row) => cursorOfRow(plan, row) };
}

/** The opaque cursor of a page row (one carrying `_sort_<i>`, `created_at` and `id`). */
export function cursorOfRow(plan: SortPlan, row: Record<string, unknown>): string {
  return encodeCursor({
    order: plan.signature,
    keys: plan.keys.map((_, i) => (row[`${SORT_KEY_PREFIX}${i}`] ?? null) as number | string | null),
    createdAt: String(row.created_at),
    id: Number(row.id),
  });
}

/**
 * The sort positions (`id`, `created_at`, `_sort_<i>`) of the runs of the project matching
 * `filter`, in the listing order of `plan`; with `onlyIds`, among those runs only (looked up by
 * id, so a few changed runs, or the matches of another listing, cost no scan). The listing cache
 * keeps these to serve pages without rescanning.
 */
export function compileRunPositions(input: {
  projectId: number;
  filter: unknown;
  plan: SortPlan;
  onlyIds?: readonly number[];
}): { sql: string; params: unknown[] } {
  const { plan, onlyIds } = input;
  const extra = plan.keys.map((key, i) => sql`, ${key} AS ${raw(`${SORT_KEY_PREFIX}${i}`)}`);
  // CROSS JOIN keeps the id list as the outer loop: rowid lookups rather than an index scan.
  const source = onlyIds
    ? sql`json_each(${JSON.stringify(onlyIds)}) AS wanted CROSS JOIN runs r WHERE r.id = wanted.value AND`
    : raw('runs r WHERE');
  const inner = raw(plan.costly || onlyIds ? ' LIMIT -1' : '');
  const query = sql`SELECT * FROM (SELECT r.id AS id, r.created_at AS created_at${join(extra, '')} FROM ${source} ${filterOf(input.projectId, input.filter)}${inner}) AS page ORDER BY ${raw(orderingOf(plan))}`;
  return { sql: query.text, params: [...query.params] };
}

/** `SELECT COUNT(*) AS n` over the runs of one project matching `filter`. */
export function compileRunCount(input: { projectId: number; filter: unknown }): {
  sql: string;
  params: unknown[];
} {
  const query = sql`SELECT COUNT(*) AS n FROM runs r WHERE ${filterOf(input.projectId, input.filter)}`;
  return { sql: query.text, params: [...query.params] };
}
