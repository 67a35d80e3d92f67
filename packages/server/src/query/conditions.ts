import { FilterError } from './filter-error';
import { type Operand, elementOperand } from './operand';
import { compileRegex } from './regex';
import { FALSE, type Sql, TRUE, and, not, or, raw, sql } from './sql';
import { describe, isOperatorObject, isPlainObject, typesOf } from './values';

type Comparison = '$gt' | '$gte' | '$lt' | '$lte';
const SQL_COMPARISON: Record<Comparison, string> = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' };

/** Applies `test` to the field and, when the field is an array, to each of its elements (Mongo). */
function withElements(o: Operand, test: (operand: Operand) => Sql): Sql {
  const direct = test(o);
  if (!o.elements) return direct;
  const inner = test(elementOperand(o.field));
  if (inner === FALSE) return direct;
  return or([
    direct,
    and([o.typeIn(['array']), sql`EXISTS (SELECT 1 FROM ${o.elements} AS e WHERE ${inner})`]),
  ]);
}

/** The field (not its elements) equals one of `values`; same-type scalars share one IN list. */
function equalsAny(o: Operand, values: readonly unknown[]): Sql {
  const parts: Sql[] = [];
  const strings: string[] = [];
  const numbers: number[] = [];
  for (const v of values) {
    if (v === null) parts.push(or([o.missing, o.typeIn(['null'])]));
    else if (typeof v === 'string') strings.push(o.normalize ? o.normalize(v) : v);
    else if (typeof v === 'number') {
      // NaN is stored as JSON null by SQLite, so no number equals it.
      if (Number.isFinite(v)) numbers.push(v);
      else if (!Number.isNaN(v)) parts.push(and([o.typeIn(typesOf(v)), sql`${o.value} = ${v}`]));
    } else if (typeof v === 'boolean') parts.push(o.typeIn(typesOf(v)));
    else if (Array.isArray(v))
      parts.push(and([o.typeIn(['array']), sql`${o.value} = json(${JSON.stringify(v)})`]));
    else if (isPlainObject(v)) {
      parts.push(and([o.typeIn(['object']), sql`${o.value} = json(${JSON.stringify(v)})`]));
    } else throw new FilterError(`Cannot compare field "${o.field}" with ${describe(v)}`);
  }
  const inList = (list: readonly (string | number)[]): Sql =>
    list.length === 1
      ? sql`${o.value} = ${list[0]}`
      : sql`${o.value} IN (SELECT value FROM json_each(${JSON.stringify(list)}))`;
  if (strings.length > 0) parts.push(and([o.typeIn(['text']), inList(strings)]));
  if (numbers.length > 0) parts.push(and([o.typeIn(['integer', 'real']), inList(numbers)]));
  return or(parts);
}

function equals(o: Operand, values: readonly unknown[]): Sql {
  return withElements(o, (x) => equalsAny(x, values));
}

function compare(o: Operand, op: Comparison, v: unknown): Sql {
  if (v === null) return op === '$gte' || op === '$lte' ? equals(o, [null]) : FALSE;
  if (typeof v !== 'number' && typeof v !== 'string' && typeof v !== 'boolean') {
    throw new FilterError(
      `${op} on field "${o.field}" needs a number, string, boolean or null, not ${describe(v)}`,
    );
  }
  if (typeof v === 'number' && Number.isNaN(v)) return FALSE;
  const bound =
    typeof v === 'string' && o.normalize ? o.normalize(v) : typeof v === 'boolean' ? Number(v) : v;
  const types = typeof v === 'boolean' ? (['true', 'false'] as const) : typesOf(v);
  const cmp = raw(SQL_COMPARISON[op]);
  return withElements(o, (x) => and([x.typeIn(types), sql`${x.value} ${cmp} ${bound}`]));
}

function list(o: Operand, op: string, v: unknown): unknown[] {
  if (!Array.isArray(v))
    throw new FilterError(`${op} on field "${o.field}" needs an array, not ${describe(v)}`);
  return v;
}

function string(o: Operand, op: string, v: unknown): string {
  if (typeof v !== 'string')
    throw new FilterError(`${op} on field "${o.field}" needs a string, not ${describe(v)}`);
  return v;
}

function regex(o: Operand, pattern: unknown, options: unknown): Sql {
  const source = string(o, '$regex', pattern);
  if (options !== undefined && typeof options !== 'string') {
    throw new FilterError(`$options on field "${o.field}" needs a string, not ${describe(options)}`);
  }
  const compiled = compileRegex(source, options ?? '', o.field);
  return withElements(o, (x) =>
    and([x.typeIn(['text']), sql`regexp(${compiled.source}, ${x.value}, ${compiled.flags})`]),
  );
}

function operator(o: Operand, op: string, v: unknown, all: Record<string, unknown>): Sql {
  switch (op) {
    case '$eq':
      return equals(o, [v]);
    case '$ne':
      return not(equals(o, [v]));
    case '$gt':
    case '$gte':
    case '$lt':
    case '$lte':
      return compare(o, op, v);
    case '$in':
      return equals(o, list(o, op, v));
    case '$nin':
      return not(equals(o, list(o, op, v)));
    case '$exists':
      if (typeof v !== 'boolean' && typeof v !== 'number') {
        throw new FilterError(`$exists on field "${o.field}" needs a boolean, not ${describe(v)}`);
      }
      return v ? not(o.missing) : o.missing;
    case '$regex':
      return regex(o, v, all.$options);
    case '$options':
      if (!('$regex' in all)) throw new FilterError(`$options on field "${o.field}" needs $regex beside it`);
      return TRUE;
    case '$not':
      if (!isOperatorObject(v)) {
        throw new FilterError(`$not on field "${o.field}" needs an operator object, not ${describe(v)}`);
      }
      return not(compileCondition(o, v));
    case '$contains': {
      const needle = string(o, op, v);
      return withElements(o, (x) => and([x.typeIn(['text']), sql`instr(${x.value}, ${needle}) > 0`]));
    }
    case '$all': {
      const values = list(o, op, v);
      return values.length === 0 ? FALSE : and(values.map((item) => equals(o, [item])));
    }
    case '$size': {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
        throw new FilterError(`$size on field "${o.field}" needs a non-negative integer`);
      }
      return o.arrayLength ? and([o.typeIn(['array']), sql`${o.arrayLength} = ${v}`]) : FALSE;
    }
    default:
      throw new FilterError(`Unknown operator "${op}" on field "${o.field}"`);
  }
}

/**
 * Compiles the condition on one field: a plain value means equality (Mongo array semantics), an
 * object of `$` operators means all of them.
 */
export function compileCondition(o: Operand, condition: unknown): Sql {
  if (!isOperatorObject(condition)) return equals(o, [condition]);
  const entries = Object.entries(condition);
  const plain = entries.find(([k]) => !k.startsWith('$'));
  if (plain) throw new FilterError(`Field "${o.field}" mixes operators with the plain key "${plain[0]}"`);
  return and(entries.map(([op, v]) => operator(o, op, v, condition)));
}
