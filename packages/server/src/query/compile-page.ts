import { compileRunFilter } from './compile-filter';
import { decodeCursor, encodeCursor } from './cursor';
import { FilterError } from './filter-error';
import { type SortPlan, parseOrder } from './order';
import { type Sql, TRUE, join, raw, sql } from './sql';

/** Column holding the "missing sort value" flag in page rows. */
export const SORT_MISSING_COLUMN = '_sort_missing';
/** Prefix of the sort key columns in page rows (`_sort_0`, `_sort_1`, ...). */
export const SORT_KEY_PREFIX = '_sort_';

function filterOf(projectId: number, filter: unknown): Sql {
  if (!Number.isSafeInteger(projectId)) throw new FilterError('The project id must be an integer');
  const where = compileRunFilter(filter);
  return sql`r.project_id = ${projectId} AND (${{ text: where.sql, params: where.params }})`;
}

function keyColumns(plan: SortPlan): string[] {
  return [...plan.keys.map((_, i) => `page.${SORT_KEY_PREFIX}${i}`), 'page.created_at', 'page.id'];
}

function after(plan: SortPlan, cursor: string): Sql {
  const position = decodeCursor(cursor, plan.signature, plan.keys.length);
  const cmp = plan.descending ? '<' : '>';
  const tuple = (columns: string[], values: unknown[]): Sql => {
    const placeholders = join(
      values.map((v) => sql`${v}`),
      ', ',
    );
    return sql`(${raw(columns.join(', '))}) ${raw(cmp)} (${placeholders})`;
  };
  const ties = tuple(['page.created_at', 'page.id'], [position.createdAt, position.id]);
  if (!plan.missing) return tuple(keyColumns(plan), [...position.keys, position.createdAt, position.id]);
  const flag = `page.${SORT_MISSING_COLUMN}`;
  if (position.missing === 1) return sql`(${raw(flag)} = 1 AND ${ties})`;
  const present = tuple(keyColumns(plan), [...position.keys, position.createdAt, position.id]);
  return sql`(${raw(flag)} = 1 OR (${raw(flag)} = 0 AND ${present}))`;
}

/**
 * Full page query over `runs` in one project: the rows (`r.*` plus `_sort_*` columns) matching
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
  const dir = plan.descending ? 'DESC' : 'ASC';
  const extra = [
    ...(plan.missing ? [sql`${plan.missing} AS ${raw(SORT_MISSING_COLUMN)}`] : []),
    ...plan.keys.map((key, i) => sql`${key} AS ${raw(`${SORT_KEY_PREFIX}${i}`)}`),
  ];
  const select = extra.length > 0 ? sql`r.*, ${join(extra, ', ')}` : raw('r.*');
  const ordering = [
    ...(plan.missing ? [`page.${SORT_MISSING_COLUMN} ASC`] : []),
    ...keyColumns(plan).map((c) => `${c} ${dir}`),
  ].join(', ');
  const keyset = input.after ? after(plan, input.after) : TRUE;
  const query = sql`SELECT * FROM (SELECT ${select} FROM runs r WHERE ${filterOf(input.projectId, input.filter)}) AS page WHERE ${keyset} ORDER BY ${raw(ordering)} LIMIT ${limit}`;
  return {
    sql: query.text,
    params: [...query.params],
    cursorOf(row) {
      const keys = plan.keys.map((_, i) => row[`${SORT_KEY_PREFIX}${i}`] as number | string | null);
      return encodeCursor({
        order: plan.signature,
        missing: plan.missing && row[SORT_MISSING_COLUMN] ? 1 : 0,
        keys,
        createdAt: String(row.created_at),
        id: Number(row.id),
      });
    },
  };
}

/** `SELECT COUNT(*) AS n` over the runs of one project matching `filter`. */
export function compileRunCount(input: { projectId: number; filter: unknown }): {
  sql: string;
  params: unknown[];
} {
  const query = sql`SELECT COUNT(*) AS n FROM runs r WHERE ${filterOf(input.projectId, input.filter)}`;
  return { sql: query.text, params: [...query.params] };
}
