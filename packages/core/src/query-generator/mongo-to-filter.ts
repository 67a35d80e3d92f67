import { BadInputError } from '../errors';
import { MONGO_TO_GROUP_OP, MONGO_TO_INDIVIDUAL_OP } from './constants';
import { serverPathToKey } from './keys';
import { isDict, lookup, pyRepr } from './python';
import type { Filter } from './types';

/**
 * UI filter tree of a MongoDB-style filter.
 *
 * If any top-level key is `$and` or `$or` (the first one found wins), the result is a group of
 * its converted children. Otherwise only the first field is used: an operator object keeps its
 * first operator (`{$gt: 1, $lt: 5}` keeps `>` only); any other value is an `=` comparison.
 * `null` and `{}` give `null`.
 *
 * @example mongoToFilter({ 'summary_metrics.acc': { $gt: 0.9 } }) // {key: {section: 'summary', name: 'acc'}, op: '>', value: 0.9}
 * @throws BadInputError for an operator without a UI equivalent (`$eq`, `$exists`, ...) or an empty operator object.
 */
export function mongoToFilter(filter: Record<string, unknown> | null | undefined): Filter | null {
  if (filter === null || filter === undefined) return null;
  if (!isDict(filter)) throw new BadInputError(`Mongo filter must be an object, got ${pyRepr(filter)}`);
  const fields = Object.keys(filter);
  const groupKey = fields.find((k) => Object.hasOwn(MONGO_TO_GROUP_OP, k));
  if (groupKey !== undefined) {
    const children: unknown = filter[groupKey];
    if (!Array.isArray(children)) throw new BadInputError(`${groupKey} must be a list`);
    return {
      op: lookup(MONGO_TO_GROUP_OP, groupKey, 'group operator'),
      filters: children.map((child: Record<string, unknown> | null) => mongoToFilter(child)) as Filter[],
    };
  }
  const path = fields[0];
  if (path === undefined) return null;
  const value = filter[path];
  if (!isDict(value)) return { key: serverPathToKey(path), op: '=', value };
  const op = Object.keys(value)[0];
  if (op === undefined) throw new BadInputError(`Operator object for ${path} is empty`);
  return {
    key: serverPathToKey(path),
    op: lookup(MONGO_TO_INDIVIDUAL_OP, op, 'filter operator'),
    value: value[op],
  };
}
