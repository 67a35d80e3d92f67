/** Section of a run that a UI filter or sort key points into. */
export type KeySection = 'config' | 'summary' | 'keys_info' | 'run' | 'tags';

/**
 * A key as W&B report and workspace specs store it.
 *
 * @example `{ section: 'summary', name: 'val.loss' }`
 */
export interface Key {
  /** Which part of the run the name refers to. */
  section: KeySection;
  /** Field name; may contain dots. */
  name: string;
}

/** Comparison operator of a single UI filter. */
export type IndividualOp = '=' | '!=' | '>' | '>=' | '<' | '<=' | 'IN' | 'NIN' | 'REGEX';

/** Operator joining the children of a UI filter group. */
export type GroupOp = 'AND' | 'OR';

/** One comparison in a UI filter tree. */
export interface IndividualFilter {
  /** The field compared. */
  key: Key;
  /** How it is compared. */
  op: IndividualOp;
  /** The value compared against (a list for `IN`/`NIN`). */
  value?: unknown;
  /** A disabled filter is dropped (becomes `null`) when converted. */
  disabled?: boolean;
}

/** A group of UI filters joined with AND or OR. */
export interface GroupFilter {
  /** How the children are joined. */
  op: GroupOp;
  /** The children; may be empty. */
  filters: Filter[];
}

/** A UI filter tree node: a single comparison or a group. */
export type Filter = IndividualFilter | GroupFilter;

/** One entry of a UI sort spec. */
export interface SortKey {
  /** The field sorted on. */
  key: Key;
  /** Ascending when truthy (Python truthiness), descending otherwise. */
  ascending?: boolean;
}

/** A UI sort spec: keys in priority order. */
export interface SortSpec {
  /** Sort keys, most significant first. */
  keys: SortKey[];
}

/** A MongoDB-style runs filter, as sent in the `filters` argument of `project.runs`. */
export type MongoFilter = Record<string, unknown>;
