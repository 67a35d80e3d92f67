import type { GroupOp, IndividualOp } from './types';

function invert<K extends string, V extends string>(
  map: Readonly<Record<K, V>>,
): Readonly<Record<string, K>> {
  return Object.freeze(Object.fromEntries(Object.entries(map).map(([k, v]) => [v, k])) as Record<string, K>);
}

/** UI comparison operators to MongoDB operators. `=` has no entry: equality is the bare value. */
export const INDIVIDUAL_OP_TO_MONGO: Readonly<Record<Exclude<IndividualOp, '='>, string>> = Object.freeze({
  '!=': '$ne',
  '>': '$gt',
  '>=': '$gte',
  '<': '$lt',
  '<=': '$lte',
  IN: '$in',
  NIN: '$nin',
  REGEX: '$regex',
});

/** MongoDB operators back to UI comparison operators: the exact inverse of {@link INDIVIDUAL_OP_TO_MONGO}. */
export const MONGO_TO_INDIVIDUAL_OP: Readonly<Record<string, Exclude<IndividualOp, '='>>> =
  invert(INDIVIDUAL_OP_TO_MONGO);

/** UI group operators to MongoDB logical operators (no NOR or NOT). */
export const GROUP_OP_TO_MONGO: Readonly<Record<GroupOp, string>> = Object.freeze({ AND: '$and', OR: '$or' });

/** MongoDB logical operators back to UI group operators: the inverse of {@link GROUP_OP_TO_MONGO}. */
export const MONGO_TO_GROUP_OP: Readonly<Record<string, GroupOp>> = invert(GROUP_OP_TO_MONGO);
