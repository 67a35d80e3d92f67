import { BadInputError } from '../errors';
import { GROUP_OP_TO_MONGO, INDIVIDUAL_OP_TO_MONGO } from './constants';
import { keyToServerPath } from './keys';
import { field, isDict, lookup, pyRepr, pyTruthy } from './python';
import type { Filter, Key, MongoFilter } from './types';

function present(filter: Record<string, unknown>, name: string): boolean {
  return filter[name] !== undefined && filter[name] !== null;
}

function opValue(op: unknown, value: unknown): unknown {
  if (op === '=') return value;
  return { [lookup(INDIVIDUAL_OP_TO_MONGO, op, 'filter operator')]: value };
}

// The order of the checks matters: each one reads only the fields the reference reads at
// that point, so that the same inputs fail (or are dropped) in the same way.
function individualToMongo(filter: Record<string, unknown>): MongoFilter | null {
  const key = filter['key'];
  if (field(key, 'name', 'Filter key') === '') return null;
  if (!present(filter, 'value') && field(filter, 'op', 'Filter') !== '=' && filter['op'] !== '!=')
    return null;
  if (pyTruthy(filter['disabled'])) return null;
  if (field(key, 'section', 'Filter key') === 'tags') {
    const name = (key as Record<string, unknown>)['name'];
    if (field(filter, 'op', 'Filter') === 'IN') return { tags: { $in: filter['value'] } };
    if (field(filter, 'value', 'Filter') === false) return { $or: [{ tags: null }, { tags: { $ne: name } }] };
    return { tags: name };
  }
  const path = keyToServerPath(key as Key);
  const op = field(filter, 'op', 'Filter');
  return { [path]: opValue(op, field(filter, 'value', 'Filter')) };
}

/**
 * MongoDB-style filter of a UI filter tree.
 *
 * Disabled filters, filters on an empty key name and comparisons with a null value (other than
 * `=`/`!=`) become `null`, and stay as `null` entries inside their group. Tag filters become
 * `{tags: name}`, `{tags: {$in: [...]}}` or, for the value `false`, "untagged or without name".
 * A node that is neither a comparison nor a group gives `null`.
 *
 * @example filterToMongo({ key: { section: 'summary', name: 'acc' }, op: '>=', value: 0.9 }) // {'summary_metrics.acc': {$gte: 0.9}}
 * @throws BadInputError for an unknown operator or section, or a node that is not an object.
 */
export function filterToMongo(filter: Filter): MongoFilter | null {
  if (!isDict(filter)) throw new BadInputError(`Filter must be an object, got ${pyRepr(filter)}`);
  if (present(filter, 'key')) return individualToMongo(filter);
  if (present(filter, 'filters')) {
    const group = lookup(GROUP_OP_TO_MONGO, filter['op'], 'group operator');
    const children: unknown = filter['filters'];
    if (!Array.isArray(children)) throw new BadInputError('Filter group children must be a list');
    return { [group]: children.map((child: Filter) => filterToMongo(child)) };
  }
  return null;
}
