import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileRunCount, compileRunPage } from './compile-page';
import { FilterError } from './filter-error';
import { FILTER_RUNS } from '../../test/support/filter-fixture';
import { RunListingCache } from './listing-cache';
import { type TestRun, createTestDb, insertRuns } from '../../test/support/test-db';

type Row = Record<string, unknown> & { name: string };

/** Deterministic pseudo-random numbers. */
function randomFrom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

const WORDS = ['alpha', 'Beta', 'zeta', 'éclair', '\uff5ewide', '\u{1f600}smile', ''];

/** Runs with every kind of sort value: numbers, text (non-ASCII too), booleans, objects, missing, NaN, ties. */
function mixedRuns(count: number, seed: number, prefix = 'r'): TestRun[] {
  const random = randomFrom(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
  return Array.from({ length: count }, (_, i) => {
    const kind = random();
    const value =
      kind < 0.4
        ? Math.round(random() * 10) / 2
        : kind < 0.55
          ? pick(WORDS)
          : kind < 0.65
            ? random() < 0.5
            : kind < 0.7
              ? { a: Math.round(random() * 3) }
              : kind < 0.85
                ? undefined
                : null;
    const summary =
      random() < 0.05 ? '{"loss": NaN}' : random() < 0.05 ? '{"loss": -Infinity}' : { loss: value };
    return {
      name: `${prefix}${i}`,
      state: pick(['finished', 'crashed', 'running', null]),
      createdAt: `2024-03-${String(1 + Math.floor(random() * 5)).padStart(2, '0')}T00:00:00`,
      displayName: random() < 0.2 ? null : pick(WORDS),
      tags: random() < 0.5 ? ['gpu'] : [],
      config: { batch_size: { value: pick([16, 32, 64, '32', null]) } },
      summary,
    };
  });
}

function sqlPage(db: Database.Database, input: PageInput): { names: string[]; cursors: string[] } {
  const query = compileRunPage({
    projectId: 1,
    filter: input.filter,
    order: input.order,
    after: input.after,
    first: input.first,
  });
  const rows = db.prepare(query.sql).all(...query.params) as Row[];
  return { names: rows.map((r) => r.name), cursors: rows.map((r) => query.cursorOf(r)) };
}

function cachedPage(cache: RunListingCache, input: PageInput): { names: string[]; cursors: string[] } {
  const page = cache.page<Row>({ projectId: 1, ...input });
  return { names: page.rows.map((r) => r.name), cursors: page.rows.map((r) => page.cursorOf(r)) };
}

interface PageInput {
  filter: unknown;
  order: string | null;
  after: string | null;
  first: number;
}

function sqlCount(db: Database.Database, filter: unknown): number {
  const query = compileRunCount({ projectId: 1, filter });
  return (db.prepare(query.sql).get(...query.params) as { n: number }).n;
}

const FILTERS: unknown[] = [
  {},
  { state: 'finished' },
  { $and: [{ state: { $ne: 'running' } }, { 'config.batch_size': { $gte: 32 } }] },
  { $or: [{ 'tags.gpu': true }, { 'summary_metrics.loss': { $gt: 2 } }] },
];
const ORDERS = [
  null,
  '+createdAt',
  '-summary_metrics.loss',
  '+summary_metrics.loss',
  '+display_name',
  '-config.batch_size',
  '-tags.gpu',
];

describe('RunListingCache', () => {
  it('serves the same pages, cursors and counts as the compiled SQL', () => {
    const db = createTestDb();
    insertRuns(db, mixedRuns(150, 3));
    insertRuns(db, [{ name: 'other', projectId: 2, state: 'finished' }]);
    const cache = new RunListingCache(db);
    for (const filter of FILTERS) {
      expect(cache.count({ projectId: 1, filter })).toBe(sqlCount(db, filter));
      for (const order of ORDERS) {
        let after: string | null = null;
        let pages = 0;
        for (;;) {
          const input = { filter, order, after, first: 13 };
          const cached = cachedPage(cache, input);
          expect(cached).toEqual(sqlPage(db, input));
          pages += 1;
          if (cached.names.length < 13) break;
          // Cursors are interchangeable between both paths.
          after = cached.cursors[cached.cursors.length - 1] as string;
        }
        expect(pages).toBeGreaterThan(filter === FILTERS[0] ? 11 : 1);
      }
      expect(cache.count({ projectId: 1, filter })).toBe(sqlCount(db, filter));
    }
  });

  it('handles the NaN, Infinity and nested values of the filter fixture', () => {
    const db = createTestDb();
    insertRuns(db, FILTER_RUNS);
    const cache = new RunListingCache(db);
    for (const order of ['+summary_metrics.loss', '-summary_metrics.loss', '+summary.acc', '-config.lr']) {
      for (const first of [1, 2, 10]) {
        const all = sqlPage(db, { filter: {}, order, after: null, first: 10 });
        let after: string | null = null;
        const names: string[] = [];
        for (;;) {
          const page = cachedPage(cache, { filter: {}, order, after, first });
          names.push(...page.names);
          if (page.names.length < first) break;
          after = page.cursors[page.cursors.length - 1] as string;
        }
        expect(names).toEqual(all.names);
      }
    }
  });

  it('stays equal to the compiled SQL while runs are inserted, updated and deleted between pages', () => {
    const random = randomFrom(11);
    for (const order of ['-createdAt', '-summary_metrics.loss', '+summary_metrics.loss', '+display_name']) {
      const db = createTestDb();
      const original = mixedRuns(120, 5, 'old');
      insertRuns(db, original);
      const cache = new RunListingCache(db);
      const filter = { state: { $ne: 'running' } };
      const seen: string[] = [];
      let after: string | null = null;
      let batch = 0;
      for (;;) {
        const input = { filter, order, after, first: 9 };
        const page = cachedPage(cache, input);
        expect(page).toEqual(sqlPage(db, input));
        expect(cache.count({ projectId: 1, filter })).toBe(sqlCount(db, filter));
        seen.push(...page.names);
        // New runs, and changes to runs not yet listed (their new sort value may land anywhere).
        insertRuns(db, mixedRuns(3, 100 + batch++, `new${batch}-`));
        const id = 1 + Math.floor(random() * 120);
        db.prepare(`UPDATE runs SET summary_metrics = json_object('loss', ?) WHERE id = ?`).run(
          random() * 5,
          id,
        );
        if (page.names.length < 9) break;
        after = page.cursors[page.cursors.length - 1] as string;
      }
      // Every page equalled the SQL page; updated runs may move past the cursor, so no "exactly once" here.
      expect(seen.length).toBeGreaterThan(60);

      const victims = db.prepare('SELECT id FROM runs ORDER BY id LIMIT 40').all() as { id: number }[];
      for (const { id } of victims) db.prepare('DELETE FROM runs WHERE id = ?').run(id);
      db.prepare("UPDATE runs SET state = 'running' WHERE id % 7 = 0").run();
      const input = { filter, order, after: null, first: 500 };
      expect(cachedPage(cache, input)).toEqual(sqlPage(db, input));
      expect(cache.count({ projectId: 1, filter })).toBe(sqlCount(db, filter));
    }
  });

  it('lists every pre-existing run exactly once while runs are inserted between pages', () => {
    for (const order of ['-createdAt', '+summary_metrics.loss', '-summary_metrics.loss']) {
      const db = createTestDb();
      const original = mixedRuns(100, 9, 'old');
      insertRuns(db, original);
      const cache = new RunListingCache(db);
      const seen: string[] = [];
      let after: string | null = null;
      for (let batch = 0; ; batch++) {
        const page = cachedPage(cache, { filter: {}, order, after, first: 7 });
        seen.push(...page.names);
        insertRuns(db, mixedRuns(3, 200 + batch, `new${batch}-`));
        if (page.names.length < 7) break;
        after = page.cursors[page.cursors.length - 1] as string;
      }
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.filter((n) => n.startsWith('old')).sort()).toEqual(original.map((r) => r.name).sort());
    }
  });

  it('keeps counts right across writes when no page was listed', () => {
    const db = createTestDb();
    insertRuns(db, mixedRuns(40, 8));
    const cache = new RunListingCache(db);
    const filter = { 'config.batch_size': { $gte: 32 } };
    const count = (): number => cache.count({ projectId: 1, filter });
    const before = sqlCount(db, filter);
    expect(count()).toBe(before);
    expect(count()).toBe(before);
    insertRuns(db, [{ name: 'big', config: { batch_size: { value: 128 } } }]);
    expect(count()).toBe(before + 1);
    db.prepare("UPDATE runs SET config = '{}' WHERE name = 'big'").run();
    expect(count()).toBe(before);
    insertRuns(db, [{ name: 'other', projectId: 2, config: { batch_size: { value: 128 } } }]);
    expect(count()).toBe(before);
    db.prepare('DELETE FROM runs WHERE id IN (SELECT id FROM runs WHERE project_id = 1 LIMIT 10)').run();
    expect(count()).toBe(sqlCount(db, filter));
  });

  it('sees uncommitted writes inside a transaction and forgets them after a rollback', () => {
    const db = createTestDb();
    insertRuns(db, mixedRuns(30, 4));
    const cache = new RunListingCache(db);
    const input = { filter: {}, order: '-summary_metrics.loss', after: null, first: 100 };
    const before = cachedPage(cache, input);
    expect(() =>
      db.transaction(() => {
        insertRuns(db, [{ name: 'ghost', summary: { loss: 1000 } }]);
        expect(cachedPage(cache, input).names).toContain('ghost');
        expect(cache.count({ projectId: 1, filter: {} })).toBe(31);
        throw new Error('roll back');
      })(),
    ).toThrow('roll back');
    expect(cachedPage(cache, input)).toEqual(before);
    expect(cache.count({ projectId: 1, filter: {} })).toBe(30);
  });

  it('notices writes made through another connection to the same file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wbapi-listing-'));
    try {
      const file = join(dir, 'runs.db');
      const db = createTestDb(file);
      insertRuns(db, mixedRuns(20, 6));
      const cache = new RunListingCache(db);
      const input = { filter: {}, order: '-summary_metrics.loss', after: null, first: 100 };
      expect(cachedPage(cache, input).names).toHaveLength(20);
      const other = new Database(file);
      other.prepare("DELETE FROM runs WHERE name IN ('r1', 'r2')").run();
      other.close();
      expect(cachedPage(cache, input)).toEqual(sqlPage(db, input));
      expect(cache.count({ projectId: 1, filter: {} })).toBe(18);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects what the compiled SQL rejects', () => {
    const db = createTestDb();
    insertRuns(db, mixedRuns(10, 1));
    const cache = new RunListingCache(db);
    const page = (input: Partial<PageInput>) => () =>
      cache.page({
        projectId: 1,
        filter: {},
        order: '-summary_metrics.loss',
        after: null,
        first: 5,
        ...input,
      });
    expect(page({ first: NaN })).toThrow(FilterError);
    expect(page({ filter: { bogus: 1 } })).toThrow(/bogus/);
    expect(page({ order: '+tags' })).toThrow(FilterError);
    expect(page({ after: 'garbage' })).toThrow(FilterError);
    const cursor = cachedPage(cache, { filter: {}, order: '+summary_metrics.loss', after: null, first: 2 })
      .cursors[1];
    expect(page({ after: cursor })).toThrow(/order/);
    expect(() => cache.count({ projectId: 1, filter: { $bogus: 1 } })).toThrow(FilterError);
  });

  it('notices a renamed project for project filters', () => {
    const db = createTestDb();
    insertRuns(db, mixedRuns(5, 1));
    const cache = new RunListingCache(db);
    const filter = { project: 'mnist' };
    expect(cache.count({ projectId: 1, filter })).toBe(5);
    expect(cachedPage(cache, { filter, order: null, after: null, first: 10 }).names).toHaveLength(5);
    db.prepare("UPDATE projects SET name = 'renamed' WHERE id = 1").run();
    expect(cache.count({ projectId: 1, filter })).toBe(0);
    expect(cachedPage(cache, { filter, order: null, after: null, first: 10 }).names).toEqual([]);
  });

  it('keeps at most the configured number of listings and runs, least recently used first', () => {
    const db = createTestDb();
    insertRuns(db, mixedRuns(50, 2));
    const cache = new RunListingCache(db, { maxListings: 3, maxRuns: 120 });
    const list = (order: string): string[] =>
      cachedPage(cache, { filter: {}, order, after: null, first: 5 }).names;
    for (const order of ORDERS.slice(1)) list(order as string);
    // 50 runs each: the run limit (120) leaves two listings, under the listing limit.
    expect(cache.size).toBe(2);
    const small = new RunListingCache(db, { maxListings: 3 });
    for (const order of ORDERS.slice(1)) {
      small.page({ projectId: 1, filter: {}, order, after: null, first: 5 });
      expect(small.size).toBeLessThanOrEqual(3);
    }
    expect(small.size).toBe(3);
    // Evicted listings are rebuilt on demand with the same answer.
    const input = { filter: {}, order: '+createdAt', after: null, first: 50 };
    expect(cachedPage(small, input)).toEqual(sqlPage(db, input));
  });
});
