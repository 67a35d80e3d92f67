import type { Database, Statement } from 'better-sqlite3';
import { compileRunCount, compileRunPage, compileRunPositions, cursorOfRow } from './compile-page';
import { compileRunFilter } from './compile-filter';
import { decodeCursor } from './cursor';
import { FilterError } from './filter-error';
import { type SortPlan, parseOrder } from './order';
import type { QueryDeadline } from './query-budget';
import { RunChanges } from './run-changes';
import { scanMatchingIds } from './sliced-scan';
import { SortedPositions } from './sorted-positions';
import { TRUE, sql } from './sql';

/** Limits of a {@link RunListingCache}. */
export interface ListingCacheOptions {
  /** Listings kept at most (least recently used go first); default 32. */
  maxListings?: number;
  /** Runs kept at most over all listings; default 1,000,000 (about 100 MB). */
  maxRuns?: number;
}

/** One page of runs: rows (`runs` columns plus `_sort_<i>`) and the cursor of a row. */
export interface RunPage<Row> {
  rows: Row[];
  cursorOf(row: Record<string, unknown>): string;
}

/** The ids of the runs of a project matching a filter, up to date with every change at or before `clock`. */
interface MatchSet {
  ids: number[];
  clock: number;
}

interface Listing {
  readonly projectId: number;
  readonly filterKey: string;
  readonly filter: unknown;
  readonly plan: SortPlan;
  positions: SortedPositions;
  /** Up to date with every run change at or before this clock. */
  clock: number;
}

/** Beyond this many changed runs a listing is rebuilt instead of patched. */
const PATCH_LIMIT = 2_000;

/** JSON text of a filter that keeps NaN and the infinities apart from null. */
function filterKeyOf(filter: unknown): string {
  return JSON.stringify(filter, (_key, value: unknown) =>
    typeof value === 'number' && !Number.isFinite(value) ? { '\u0000number': String(value) } : value,
  );
}

/** Cache key of a count or match set: project and filter. */
function matchKey(projectId: number, filterKey: string): string {
  return `${projectId}\u0000${filterKey}`;
}

/** Cache key of a listing. */
function listingKey(projectId: number, plan: SortPlan, filterKey: string): string {
  return `${projectId}\u0000${plan.signature}\u0000${filterKey}`;
}

/**
 * Serves runs listings from memory: per (project, filter, order) the matching run ids in final
 * order with their sort keys, built by one scan and then patched run by run as runs change
 * (see {@link RunChanges}). A page is a binary search for the cursor's position plus one
 * `WHERE id IN (...)` query, so it costs milliseconds at 100k runs, and keeps the keyset
 * semantics of {@link compileRunPage}: runs that existed when a listing began appear exactly once.
 * Inside a transaction (where changes may still roll back), and for `createdAt` orders without
 * a filter or on a first page (an index walk), pages come straight from the compiled SQL.
 */
export class RunListingCache {
  private readonly listings = new Map<string, Listing>();
  /** Counts made without a listing, with the clock they were made at. */
  private readonly counts = new Map<string, { n: number; clock: number }>();
  /** Matches found by {@link prepareFilter}, by project and filter. */
  private readonly matchSets = new Map<string, MatchSet>();
  private readonly scans = new Map<string, Promise<void>>();
  private readonly changes: RunChanges;
  private readonly statements = new Map<string, Statement>();
  private readonly maxListings: number;
  private readonly maxRuns: number;

  constructor(
    private readonly db: Database,
    options: ListingCacheOptions = {},
  ) {
    this.changes = RunChanges.of(db);
    this.maxListings = options.maxListings ?? 32;
    this.maxRuns = options.maxRuns ?? 1_000_000;
  }

  /** Number of listings held (for tests). */
  get size(): number {
    return this.listings.size;
  }

  /** The page after `after` (null: the first), at most `first` rows; same rows and cursors as compileRunPage. */
  page<Row = Record<string, unknown>>(input: {
    projectId: number;
    filter: unknown;
    order: string | null | undefined;
    after: string | null | undefined;
    first: number;
  }): RunPage<Row> {
    const plan = parseOrder(input.order);
    // Newest/oldest first walks the created_at index and stops after one page: without a filter
    // that is always cheap; with one, the first page is served so (a client reading only one page
    // pays no materialisation) and the listing is made when a second page is asked.
    const indexWalk =
      plan.keys.length === 0 &&
      (compileRunFilter(input.filter).sql === TRUE.text ||
        (!input.after &&
          !this.matchSets.has(matchKey(input.projectId, filterKeyOf(input.filter))) &&
          !this.listings.has(listingKey(input.projectId, plan, filterKeyOf(input.filter)))));
    if (this.db.inTransaction || indexWalk) {
      const query = compileRunPage(input);
      return { rows: this.prepare(query.sql).all(...query.params) as Row[], cursorOf: query.cursorOf };
    }
    if (!Number.isFinite(input.first)) throw new FilterError('The page size must be a number');
    const limit = Math.max(0, Math.floor(input.first));
    const cursor = input.after ? decodeCursor(input.after, plan.signature, plan.keys.length) : null;
    const { positions } = this.listing(input.projectId, input.filter, plan);
    const from = cursor ? positions.indexAfter(cursor) : 0;
    const ids = positions.ids.slice(from, from + limit);
    const rows = this.prepare('SELECT r.* FROM runs r WHERE r.id IN (SELECT value FROM json_each(?))').all(
      JSON.stringify(ids),
    ) as Record<string, unknown>[];
    const byId = new Map(rows.map((row) => [Number(row.id), row]));
    const page = ids.flatMap((id, i) => {
      const row = byId.get(id);
      return row ? [{ ...row, ...positions.sortColumns(from + i) }] : [];
    });
    return { rows: page as Row[], cursorOf: (row) => cursorOfRow(plan, row) };
  }

  /**
   * Number of runs of the project matching `filter`: the length of a listing with that filter
   * (any order) when there is one, else a COUNT query remembered until the project's runs change.
   * (The Runs query asks runCount before runs: building a listing here would cost a scan more.)
   */
  count(input: { projectId: number; filter: unknown }): number {
    const query = compileRunCount(input);
    const run = (): number => Number((this.prepare(query.sql).get(...query.params) as { n: number }).n);
    if (this.db.inTransaction) return run();
    const filterKey = filterKeyOf(input.filter);
    const same = this.sameFilter(input.projectId, filterKey);
    if (same) return this.refresh(same).positions.length;
    const matches = this.currentMatches(input.projectId, filterKey, input.filter);
    if (matches) return matches.length;
    const key = matchKey(input.projectId, filterKey);
    const known = this.counts.get(key);
    if (known && this.changes.changedSince(input.projectId, known.clock)?.length === 0) return known.n;
    const clock = this.changes.clock;
    const n = run();
    this.counts.delete(key);
    if (this.counts.size >= this.maxListings) this.counts.delete(this.counts.keys().next().value as string);
    this.counts.set(key, { n, clock });
    return n;
  }

  /**
   * Finds the runs of the project matching `filter` ahead of {@link page} and {@link count},
   * scanning in slices that hand the event loop back to other requests (see sliced-scan.ts),
   * unless a listing or match set of that filter is at hand. Call it before either in a server;
   * only filters with `$regex` are scanned so (others need no scan ahead, nor does a transaction).
   *
   * @throws FilterError for a bad filter; QueryBudgetError once `deadline` passes.
   */
  async prepareFilter(input: { projectId: number; filter: unknown }, deadline: QueryDeadline): Promise<void> {
    const where = compileRunFilter(input.filter);
    const filterKey = filterKeyOf(input.filter);
    // Only `$regex` makes a row's cost depend on what the user sends; other filters are bounded
    // by the filter limits and run as one statement (an index walk for newest-first pages).
    if (where.sql === TRUE.text || this.db.inTransaction || !filterKey.includes('"$regex"')) return;
    const key = matchKey(input.projectId, filterKey);
    if (this.sameFilter(input.projectId, filterKey)) return;
    if (this.currentMatches(input.projectId, filterKey, input.filter)) return;
    let scan = this.scans.get(key);
    if (!scan) {
      const clock = this.changes.clock;
      scan = scanMatchingIds(this.db, input.projectId, { text: where.sql, params: where.params }, deadline)
        .then((ids) => {
          this.matchSets.delete(key);
          if (this.matchSets.size >= this.maxListings)
            this.matchSets.delete(this.matchSets.keys().next().value as string);
          this.matchSets.set(key, { ids, clock });
        })
        .finally(() => this.scans.delete(key));
      this.scans.set(key, scan);
    }
    await scan;
  }

  /** The up-to-date ids matching a filter from its match set (patched), or undefined when none is usable. */
  private currentMatches(projectId: number, filterKey: string, filter: unknown): number[] | undefined {
    const key = matchKey(projectId, filterKey);
    const set = this.matchSets.get(key);
    if (!set) return undefined;
    const changed = this.changes.changedSince(projectId, set.clock);
    if (changed === null || changed.length > PATCH_LIMIT) {
      this.matchSets.delete(key);
      return undefined;
    }
    if (changed.length === 0) return set.ids;
    const clock = this.changes.clock;
    const gone = new Set(changed);
    const where = compileRunFilter(filter);
    const still = this.prepare(
      sql`SELECT r.id FROM json_each(${JSON.stringify(changed)}) AS w CROSS JOIN runs r WHERE r.id = w.value AND r.project_id = ${projectId} AND (${{ text: where.sql, params: where.params }})`
        .text,
    )
      .pluck()
      .all(JSON.stringify(changed), projectId, ...where.params) as number[];
    set.ids = [...set.ids.filter((id) => !gone.has(id)), ...still];
    set.clock = clock;
    return set.ids;
  }

  /** A listing of the project with this filter, in any order. */
  private sameFilter(projectId: number, filterKey: string): Listing | undefined {
    for (const listing of this.listings.values()) {
      if (listing.projectId === projectId && listing.filterKey === filterKey) return listing;
    }
    return undefined;
  }

  /** The up-to-date listing for (project, filter, order), built or patched as needed. */
  private listing(projectId: number, filter: unknown, plan: SortPlan): Listing {
    const filterKey = filterKeyOf(filter);
    const key = listingKey(projectId, plan, filterKey);
    const found = this.listings.get(key);
    if (found) {
      this.listings.delete(key);
      this.listings.set(key, found);
      return this.refresh(found);
    }
    const listing: Listing = {
      projectId,
      filterKey,
      filter,
      plan,
      positions: new SortedPositions(plan),
      clock: 0,
    };
    const same = this.sameFilter(projectId, filterKey);
    this.rebuild(
      listing,
      same ? this.refresh(same).positions.ids : this.currentMatches(projectId, filterKey, filter),
    );
    this.listings.set(key, listing);
    this.evict();
    return listing;
  }

  /** Brings a listing up to date with the runs changed since it was made. */
  private refresh(listing: Listing): Listing {
    const changed = this.changes.changedSince(listing.projectId, listing.clock);
    if (changed === null || changed.length > Math.max(PATCH_LIMIT, listing.positions.length / 8)) {
      this.rebuild(listing);
      return listing;
    }
    if (changed.length === 0) return listing;
    const clock = this.changes.clock;
    listing.positions.remove(changed);
    const query = compileRunPositions({ ...listing, onlyIds: changed });
    const rows = this.prepare(query.sql)
      .raw(true)
      .all(...query.params);
    for (const row of rows) listing.positions.insert(row as unknown[]);
    listing.clock = clock;
    return listing;
  }

  /** Makes the listing afresh: by one scan, or from `matches`, the up-to-date ids matching its filter. */
  private rebuild(listing: Listing, matches?: readonly number[]): void {
    const clock = this.changes.clock;
    const positions = new SortedPositions(listing.plan);
    // The matches are current, so their filter need not run again.
    const query = compileRunPositions(matches ? { ...listing, filter: {}, onlyIds: matches } : listing);
    for (const row of this.prepare(query.sql)
      .raw(true)
      .all(...query.params))
      positions.push(row as unknown[]);
    listing.positions = positions;
    listing.clock = clock;
  }

  /** Drops least recently used listings beyond the count and run limits (never the newest). */
  private evict(): void {
    let runs = 0;
    for (const listing of this.listings.values()) runs += listing.positions.length;
    for (const [key, listing] of this.listings) {
      if (this.listings.size <= 1 || (this.listings.size <= this.maxListings && runs <= this.maxRuns)) break;
      this.listings.delete(key);
      runs -= listing.positions.length;
    }
  }

  private prepare(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      if (this.statements.size >= 500) this.statements.clear();
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

const caches = new WeakMap<Database, RunListingCache>();

/** The listing cache of a connection, made on first use (installs its TEMP triggers). */
export function runListing(db: Database): RunListingCache {
  let cache = caches.get(db);
  if (!cache) {
    cache = new RunListingCache(db);
    caches.set(db, cache);
  }
  return cache;
}
