import { compileCondition } from './conditions';
import { resolveOperand } from './fields';
import { FilterError } from './filter-error';
import { checkFilterLimits } from './filter-limits';
import { type Sql, and, not, or } from './sql';
import { describe, isPlainObject } from './values';

function children(op: string, value: unknown): Sql[] {
  if (!Array.isArray(value)) throw new FilterError(`${op} needs an array of filters, not ${describe(value)}`);
  // Null entries are what QueryGenerator.filter_to_mongo leaves for disabled filters: skip them.
  return value.filter((child) => child !== null).map((child) => compileDocument(child, op));
}

/** Compiles one filter document: an implicit AND of its keys. */
function compileDocument(filter: unknown, where: string): Sql {
  if (!isPlainObject(filter)) throw new FilterError(`${where} must be an object, not ${describe(filter)}`);
  const parts = Object.entries(filter).map(([key, value]) => {
    switch (key) {
      case '$and':
        return and(children(key, value));
      case '$or': {
        // An $or whose entries were all disabled constrains nothing.
        const list = children(key, value);
        return list.length === 0 ? and([]) : or(list);
      }
      case '$nor':
        return not(or(children(key, value)));
      default:
        if (key.startsWith('$')) throw new FilterError(`Unknown top-level operator "${key}"`);
        return compileCondition(resolveOperand(key), value);
    }
  });
  return and(parts);
}

/**
 * Compiles a MongoDB-style runs filter (already JSON-parsed) to a WHERE fragment over the table
 * alias `r`. `null`/`undefined` and `{}` match every run. Values are bound as parameters.
 *
 * @throws FilterError for a non-object filter, an unknown field or operator, a bad operand, or a
 * filter beyond the limits of filter-limits.ts (checked first, without recursion).
 * @example compileRunFilter({ state: 'finished', 'config.lr': { $lt: 0.01 } })
 */
export function compileRunFilter(filter: unknown): { sql: string; params: unknown[] } {
  checkFilterLimits(filter);
  const compiled = filter === null || filter === undefined ? and([]) : compileDocument(filter, 'The filter');
  return { sql: compiled.text, params: [...compiled.params] };
}
