import { FALSE, type Sql, TRUE, raw, sql } from './sql';

/** JSON type names as SQLite's `json_type` reports them. */
export type JsonType = 'null' | 'true' | 'false' | 'integer' | 'real' | 'text' | 'array' | 'object';

/**
 * A field of a run as the filter compiler sees it: its SQL value, and two-valued tests of its
 * JSON type and of its absence. Every test yields 0 or 1, never NULL, so negation is safe.
 */
export interface Operand {
  /** The field path as the user wrote it (for messages). */
  readonly field: string;
  /** SQL value: numbers and text as such, booleans as 0/1, arrays and objects as JSON text. */
  readonly value: Sql;
  /** True when the value's JSON type is one of `types`; false when missing. */
  typeIn(types: readonly JsonType[]): Sql;
  /** True when the field is absent. */
  readonly missing: Sql;
  /** Table-valued `json_each(...)` over the value when it may be an array. */
  readonly elements?: Sql;
  /** Length of the value when it is an array. */
  readonly arrayLength?: Sql;
  /** Rewrites a string operand before comparing (dates are normalised to the stored format). */
  normalize?(value: string): string;
}

function typeList(types: readonly JsonType[]): Sql {
  return raw(types.map((t) => `'${t}'`).join(', '));
}

/** A value inside a JSON document column (`r.config`, `r.summary_metrics`, ...). */
export function jsonOperand(field: string, doc: Sql, path: string, missing?: Sql): Operand {
  const type = sql`ifnull(json_type(${doc}, ${path}), '')`;
  return {
    field,
    value: sql`json_extract(${doc}, ${path})`,
    typeIn: (types) => (types.length === 0 ? FALSE : sql`${type} IN (${typeList(types)})`),
    missing: missing ?? sql`json_type(${doc}, ${path}) IS NULL`,
    elements: sql`json_each(${doc}, ${path})`,
    arrayLength: sql`json_array_length(${doc}, ${path})`,
  };
}

/** One element of an array field, as a row of `json_each(...) AS e`. */
export function elementOperand(field: string): Operand {
  return {
    field,
    value: raw('e.value'),
    typeIn: (types) => (types.length === 0 ? FALSE : sql`e.type IN (${typeList(types)})`),
    missing: FALSE,
  };
}

/** A nullable run column whose values are of one kind; SQL NULL counts as a missing field. */
export function columnOperand(
  field: string,
  expr: Sql,
  kind: 'text' | 'number',
  normalize?: (value: string) => string,
): Operand {
  const present = sql`${expr} IS NOT NULL`;
  const mine: readonly JsonType[] = kind === 'text' ? ['text'] : ['integer', 'real'];
  return {
    field,
    value: expr,
    typeIn: (types) => (types.some((t) => mine.includes(t)) ? present : FALSE),
    missing: sql`${expr} IS NULL`,
    ...(normalize ? { normalize } : {}),
  };
}

/** A never-missing boolean computed as 0/1 (e.g. "has tag x"). */
export function booleanOperand(field: string, expr: Sql): Operand {
  return {
    field,
    value: expr,
    typeIn: (types) => {
      const t = types.includes('true');
      const f = types.includes('false');
      if (t && f) return TRUE;
      if (t) return sql`${expr} = 1`;
      if (f) return sql`${expr} = 0`;
      return FALSE;
    },
    missing: FALSE,
  };
}
