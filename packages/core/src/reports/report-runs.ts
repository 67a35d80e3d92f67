import { BadInputError } from '../errors/bad-input-error';
import { filterToMongo } from '../query-generator/filter-to-mongo';
import { keyToServerPath } from '../query-generator/keys';
import { keysToOrder } from '../query-generator/order';
import type { Filter, Key, MongoFilter, SortSpec } from '../query-generator/types';
import type { RequestOptions } from '../session/session';

/** Options of `report.runs(section)`. */
export interface ReportRunsOptions extends RequestOptions {
  /** Runs per request. @defaultValue 50 */
  perPage?: number;
  /** Only the runs selected in the run set. @defaultValue true */
  onlySelected?: boolean;
}

function record(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new BadInputError(`report section has no ${what}`);
  }
  return value as Record<string, unknown>;
}

/** Appends the selection to `filters.$or[0].$and`, the OR-of-AND shape report filters have. */
function withSelection(filters: MongoFilter | null, selected: unknown): MongoFilter {
  const or = (filters as Record<string, unknown> | null)?.['$or'];
  const first = Array.isArray(or) ? (or[0] as Record<string, unknown> | undefined) : undefined;
  const and = first?.['$and'];
  if (!filters || !Array.isArray(and)) {
    throw new BadInputError('report run set filters are not an OR of ANDs; pass onlySelected: false');
  }
  and.push({ name: { $in: Array.isArray(selected) ? selected : [] } });
  return filters;
}

/**
 * The order of a run set: the old single-key shape `{key, ascending}` as the SDK reads it, or
 * (an extension) the first key of the newer `{keys: [...]}` shape, which the SDK cannot read.
 */
function sortOrder(sort: Record<string, unknown>): string {
  if (sort['key'] !== undefined) return (sort['ascending'] ? '+' : '-') + keyToServerPath(sort['key'] as Key);
  const [first] = Array.isArray(sort['keys']) ? keysToOrder(sort as unknown as SortSpec) : [];
  if (first === undefined) throw new BadInputError('report run set sort has neither key nor keys');
  return first;
}

/** What runs a report section shows: the filters and order of its open run set. */
export interface ReportRunsQuery {
  /** The run set's filters as a MongoDB-style filter (plus the selection, when asked). */
  filters: Record<string, unknown>;
  /** The run set's order, e.g. `-summary_metrics.acc`. */
  order: string;
}

/**
 * The filters and order of a report section's open run set, as Python's `BetaReport.runs`
 * builds them; with `onlySelected`, only the runs selected in the run set.
 *
 * @throws BadInputError when the section has no run sets, sort or (with `onlySelected`) selections.
 */
export function reportRunsQuery(section: Record<string, unknown>, onlySelected = true): ReportRunsQuery {
  const runSets = section['runSets'];
  if (!Array.isArray(runSets)) throw new BadInputError('report section has no runSets');
  const openRunSet = typeof section['openRunSet'] === 'number' ? section['openRunSet'] : 0;
  const runSet = record(runSets[openRunSet], `run set ${openRunSet}`);
  const sort = record(runSet['sort'], 'sort');
  const order = sortOrder(sort);
  // A deep copy: the selection is appended in place and must not leak into the spec.
  let filters = filterToMongo(structuredClone(runSet['filters']) as Filter);
  if (onlySelected) filters = withSelection(filters, record(runSet['selections'], 'selections')['tree']);
  return { filters: (filters ?? {}) as Record<string, unknown>, order };
}
