import {
  GROUP_OP_TO_MONGO,
  INDIVIDUAL_OP_TO_MONGO,
  MONGO_TO_GROUP_OP,
  MONGO_TO_INDIVIDUAL_OP,
} from './constants';
import { filterToMongo } from './filter-to-mongo';
import { keyToServerPath, serverPathToKey } from './keys';
import { mongoToFilter } from './mongo-to-filter';
import { formatOrderKey, keysToOrder, orderToKeys } from './order';
import type { Filter, Key, MongoFilter, SortSpec } from './types';

/**
 * Translates between UI filter trees (as stored in report specs), MongoDB-style runs filters
 * and order strings: the TypeScript counterpart of Python's `wandb.apis.public.QueryGenerator`.
 * Pure: no I/O. Every method exists both on the class and on instances.
 *
 * @example
 * ```ts
 * const qg = new QueryGenerator();
 * qg.filterToMongo({ op: 'OR', filters: [{ key: { section: 'config', name: 'lr' }, op: '<', value: 0.1 }] });
 * // { $or: [{ 'config.lr': { $lt: 0.1 } }] }
 * ```
 */
export class QueryGenerator {
  /** See {@link INDIVIDUAL_OP_TO_MONGO}. */
  static readonly INDIVIDUAL_OP_TO_MONGO = INDIVIDUAL_OP_TO_MONGO;
  /** See {@link MONGO_TO_INDIVIDUAL_OP}. */
  static readonly MONGO_TO_INDIVIDUAL_OP = MONGO_TO_INDIVIDUAL_OP;
  /** See {@link GROUP_OP_TO_MONGO}. */
  static readonly GROUP_OP_TO_MONGO = GROUP_OP_TO_MONGO;
  /** See {@link MONGO_TO_GROUP_OP}. */
  static readonly MONGO_TO_GROUP_OP = MONGO_TO_GROUP_OP;

  /** See {@link formatOrderKey}. */
  static formatOrderKey(key: string): string | null {
    return formatOrderKey(key);
  }
  /** See {@link keyToServerPath}. */
  static keyToServerPath(key: Key): string {
    return keyToServerPath(key);
  }
  /** See {@link serverPathToKey}. */
  static serverPathToKey(path: string): Key {
    return serverPathToKey(path);
  }
  /** See {@link keysToOrder}. */
  static keysToOrder(keys: SortSpec): string[] {
    return keysToOrder(keys);
  }
  /** See {@link orderToKeys}. */
  static orderToKeys(order: Iterable<string>): SortSpec {
    return orderToKeys(order);
  }
  /** See {@link filterToMongo}. */
  static filterToMongo(filter: Filter): MongoFilter | null {
    return filterToMongo(filter);
  }
  /** See {@link mongoToFilter}. */
  static mongoToFilter(filter: MongoFilter | null | undefined): Filter | null {
    return mongoToFilter(filter);
  }

  /** See {@link INDIVIDUAL_OP_TO_MONGO}. */
  readonly INDIVIDUAL_OP_TO_MONGO = INDIVIDUAL_OP_TO_MONGO;
  /** See {@link MONGO_TO_INDIVIDUAL_OP}. */
  readonly MONGO_TO_INDIVIDUAL_OP = MONGO_TO_INDIVIDUAL_OP;
  /** See {@link GROUP_OP_TO_MONGO}. */
  readonly GROUP_OP_TO_MONGO = GROUP_OP_TO_MONGO;
  /** See {@link MONGO_TO_GROUP_OP}. */
  readonly MONGO_TO_GROUP_OP = MONGO_TO_GROUP_OP;

  /** See {@link formatOrderKey}. */
  formatOrderKey(key: string): string | null {
    return formatOrderKey(key);
  }
  /** See {@link keyToServerPath}. */
  keyToServerPath(key: Key): string {
    return keyToServerPath(key);
  }
  /** See {@link serverPathToKey}. */
  serverPathToKey(path: string): Key {
    return serverPathToKey(path);
  }
  /** See {@link keysToOrder}. */
  keysToOrder(keys: SortSpec): string[] {
    return keysToOrder(keys);
  }
  /** See {@link orderToKeys}. */
  orderToKeys(order: Iterable<string>): SortSpec {
    return orderToKeys(order);
  }
  /** See {@link filterToMongo}. */
  filterToMongo(filter: Filter): MongoFilter | null {
    return filterToMongo(filter);
  }
  /** See {@link mongoToFilter}. */
  mongoToFilter(filter: MongoFilter | null | undefined): Filter | null {
    return mongoToFilter(filter);
  }
}
