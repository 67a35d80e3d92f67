import { hasTag, resolveTarget } from './fields';
import { FilterError } from './filter-error';
import { type Sql, sql } from './sql';

/** How a page is sorted: an optional "missing" flag, then sort keys, then created_at and id. */
export interface SortPlan {
  /** Canonical `+field`/`-field` text; cursors carry it so they cannot cross orders. */
  readonly signature: string;
  /** Direction of the keys and the tie-breakers. */
  readonly descending: boolean;
  /**
   * True when runs may lack the sort value: the first key is then NULL exactly for those runs,
   * and they come last in both directions.
   */
  readonly nullable: boolean;
  /** Sort key expressions, before the created_at/id tie-breakers. */
  readonly keys: readonly Sql[];
  /** True when the keys are costly (JSON): computed once per row instead of being inlined. */
  readonly costly: boolean;
}

/** The default when the order is null, undefined or empty: newest first. */
export const DEFAULT_ORDER = '-createdAt';

/**
 * Parses an order string: optional `+` (ascending, also the meaning of no sign) or `-`, then a
 * run column (either spelling), `config.<k>[.value]`, `summary_metrics.<k>` (alias `summary.`),
 * `system_metrics.<key>` or `tags.<tag>` (runs with the tag sort after those without, ascending).
 * JSON values sort numbers, then strings, then booleans, then objects/arrays; descending
 * reverses that. Runs missing the value (or holding null/NaN) come last in both directions.
 */
export function parseOrder(order: string | null | undefined): SortPlan {
  const text = order === null || order === undefined || order.trim() === '' ? DEFAULT_ORDER : order.trim();
  const sign = text[0] === '-' || text[0] === '+' ? text[0] : '+';
  const field = text[0] === '-' || text[0] === '+' ? text.slice(1) : text;
  if (field === '') throw new FilterError('The order needs a field after the sign');
  const descending = sign === '-';
  let target;
  try {
    target = resolveTarget(field);
  } catch (error) {
    if (error instanceof FilterError) throw new FilterError(`Cannot order by "${field}": ${error.message}`);
    throw error;
  }
  const base = { signature: `${sign}${field}`, descending };
  switch (target.kind) {
    case 'column': {
      const { column } = target;
      const sameAsTieBreak = column.expr.text === 'r.created_at';
      if (sameAsTieBreak)
        return { ...base, signature: `${sign}createdAt`, nullable: false, keys: [], costly: false };
      return { ...base, nullable: !column.notNull, keys: [column.expr], costly: false };
    }
    case 'hasTag':
      return { ...base, nullable: false, keys: [hasTag(target.tag)], costly: true };
    case 'tags':
      throw new FilterError('Cannot order by "tags"; use "tags.<tag>"');
    case 'json': {
      const rank = sql`(CASE json_type(${target.doc}, ${target.path}) WHEN 'integer' THEN 0 WHEN 'real' THEN 0 WHEN 'text' THEN 1 WHEN 'false' THEN 2 WHEN 'true' THEN 2 WHEN 'object' THEN 3 WHEN 'array' THEN 3 END)`;
      return {
        ...base,
        nullable: true,
        keys: [rank, sql`json_extract(${target.doc}, ${target.path})`],
        costly: true,
      };
    }
  }
}
