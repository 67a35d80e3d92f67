export { QueryGenerator } from './query-generator';
export {
  GROUP_OP_TO_MONGO,
  INDIVIDUAL_OP_TO_MONGO,
  MONGO_TO_GROUP_OP,
  MONGO_TO_INDIVIDUAL_OP,
} from './constants';
export { filterToMongo } from './filter-to-mongo';
export { mongoToFilter } from './mongo-to-filter';
export { keyToServerPath, serverPathToKey } from './keys';
export { formatOrderKey, keysToOrder, orderToKeys } from './order';
export type {
  Filter,
  GroupFilter,
  GroupOp,
  IndividualFilter,
  IndividualOp,
  Key,
  KeySection,
  MongoFilter,
  SortKey,
  SortSpec,
} from './types';
