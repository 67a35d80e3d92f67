import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { compileRunCount, compileRunPage } from './compile-page';
import { filterFixture } from '../../test/support/filter-fixture';
import { FilterError } from './filter-error';
import { createTestDb, insertRuns } from '../../test/support/test-db';

type Row = Record<string, unknown> & { name: string };

function fetchPage(
  db: Database.Database,
  input: { order?: string | null; after?: string | null; first: number; filter?: unknown },
): { names: string[]; endCursor: string | null } {
  const page = compileRunPage({
    projectId: 1,
    filter: input.filter ?? {},
    order: input.order,
    after: input.after,
    first: input.first,
  });
  const rows = db.prepare(page.sql).all(...page.params) as Row[];
  const last = rows[rows.length - 1];
  return { names: rows.map((r) => r.name), endCursor: last ? page.cursorOf(last) : null };
}

/** Every name of a listing fetched `size` at a time. */
function fetchAll(
  db: Database.Database,
  order: string | null | undefined,
  size: number,
  filter?: unknown,
): string[] {
  const names: string[] = [];
  let after: string | null = null;
  for (;;) {
    const page = fetchPage(db, { order, after, first: size, filter });
    names.push(...page.names);
    if (page.names.length < size) return names;
    after = page.endCursor;
  }
}

const { db } = filterFixture();

describe('compileRunPage: order', () => {
  it('defaults to newest first and treats no sign as ascending', () => {
    expect(fetchAll(db, null, 10)).toEqual(['e', 'd', 'c', 'b', 'a']);
    expect(fetchAll(db, '', 10)).toEqual(['e', 'd', 'c', 'b', 'a']);
    expect(fetchAll(db, 'created_at', 10)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(fetchAll(db, '+createdAt', 10)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(fetchAll(db, '-created_at', 10)).toEqual(['e', 'd', 'c', 'b', 'a']);
  });

  it('sorts numbers and puts runs missing the value (or holding NaN) last both ways', () => {
    // loss: a 0.5, b NaN, c Infinity, d 0.2, e -1
    expect(fetchAll(db, '+summary_metrics.loss', 10)).toEqual(['e', 'd', 'a', 'c', 'b']);
    expect(fetchAll(db, '-summary_metrics.loss', 10)).toEqual(['c', 'a', 'd', 'e', 'b']);
    expect(fetchAll(db, '+summary.loss', 10)).toEqual(['e', 'd', 'a', 'c', 'b']);
  });

  it('separates types: numbers before strings ascending, reversed descending', () => {
    // acc: a 0.8, b 0.9, c 0.7, d 'n/a', e missing
    expect(fetchAll(db, '+summary_metrics.acc', 10)).toEqual(['c', 'a', 'b', 'd', 'e']);
    expect(fetchAll(db, '-summary_metrics.acc', 10)).toEqual(['d', 'b', 'a', 'c', 'e']);
  });

  it('orders by config.K and config.K.value alike, null counting as missing', () => {
    // lr: a 0.01, b 0.1, c null, d missing, e [0.1, 0.2]
    expect(fetchAll(db, '+config.lr', 10)).toEqual(['a', 'b', 'e', 'c', 'd']);
    expect(fetchAll(db, '+config.lr.value', 10)).toEqual(['a', 'b', 'e', 'c', 'd']);
    expect(fetchAll(db, '-config.lr.value', 10)).toEqual(['e', 'b', 'a', 'd', 'c']);
  });

  it('orders by nullable columns with NULL last, and by tag presence', () => {
    expect(fetchAll(db, '+displayName', 10)).toEqual(['a', 'b', 'c', 'e', 'd']);
    expect(fetchAll(db, '-display_name', 10)).toEqual(['e', 'c', 'b', 'a', 'd']);
    expect(fetchAll(db, '+tags.gpu', 10)).toEqual(['b', 'd', 'e', 'a', 'c']);
    expect(fetchAll(db, '-heartbeatAt', 10)).toEqual(['a', 'e', 'd', 'c', 'b']);
  });

  it('gives the same listing one run per page as in one page', () => {
    for (const order of [
      null,
      '+summary_metrics.loss',
      '-summary_metrics.acc',
      '-config.lr',
      '+displayName',
      '-tags.gpu',
    ]) {
      expect(fetchAll(db, order, 1)).toEqual(fetchAll(db, order, 100));
      expect(fetchAll(db, order, 2)).toEqual(fetchAll(db, order, 100));
    }
  });

  it('applies the filter and the project scope', () => {
    expect(fetchAll(db, '+createdAt', 2, { tags: 'gpu' })).toEqual(['a', 'c']);
    const count = compileRunCount({ projectId: 1, filter: { tags: 'gpu' } });
    expect(db.prepare(count.sql).get(...count.params)).toEqual({ n: 2 });
    const all = compileRunCount({ projectId: 2, filter: null });
    expect(db.prepare(all.sql).get(...all.params)).toEqual({ n: 1 });
  });
});

describe('compileRunPage: keyset cursors', () => {
  it('breaks ties by created_at then id', () => {
    const tie = createTestDb();
    insertRuns(
      tie,
      ['r1', 'r2', 'r3', 'r4', 'r5'].map((name, i) => ({
        name,
        createdAt: i < 3 ? '2024-01-01T00:00:00' : '2023-01-01T00:00:00',
        summary: { loss: 1 },
      })),
    );
    expect(fetchAll(tie, '+summary_metrics.loss', 2)).toEqual(['r4', 'r5', 'r1', 'r2', 'r3']);
    expect(fetchAll(tie, '-summary_metrics.loss', 2)).toEqual(['r3', 'r2', 'r1', 'r5', 'r4']);
    expect(fetchAll(tie, '-createdAt', 2)).toEqual(['r3', 'r2', 'r1', 'r5', 'r4']);
  });

  it('returns every pre-existing run exactly once while runs are inserted between pages', () => {
    let seed = 7;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const runAt = (name: string) => {
      const day = 1 + Math.floor(random() * 28);
      const loss = random();
      return {
        name,
        createdAt: `2024-02-${String(day).padStart(2, '0')}T00:00:00`,
        // A fifth of the runs miss the metric, some have equal values.
        summary: loss < 0.2 ? {} : { loss: Math.round(loss * 20) / 20 },
      };
    };
    for (const order of ['-createdAt', '+summary_metrics.loss', '-summary_metrics.loss']) {
      const live = createTestDb();
      const original = Array.from({ length: 120 }, (_, i) => runAt(`old${i}`));
      insertRuns(live, original);
      const seen: string[] = [];
      let after: string | null = null;
      let inserted = 0;
      for (;;) {
        const page = fetchPage(live, { order, after, first: 7 });
        seen.push(...page.names);
        // New runs land before, at and after the cursor position.
        insertRuns(live, [runAt(`new${inserted++}`), runAt(`new${inserted++}`), runAt(`new${inserted++}`)]);
        if (page.names.length < 7) break;
        after = page.endCursor;
      }
      expect(new Set(seen).size).toBe(seen.length);
      const old = seen.filter((n) => n.startsWith('old'));
      expect(old.sort()).toEqual(original.map((r) => r.name).sort());
    }
  });

  it('rejects malformed cursors and cursors of another order', () => {
    const first = fetchPage(db, { order: '+summary_metrics.loss', first: 2 });
    expect(() => fetchPage(db, { order: '+summary_metrics.loss', after: 'garbage', first: 2 })).toThrow(
      FilterError,
    );
    expect(() => fetchPage(db, { order: '+summary_metrics.loss', after: 'e30', first: 2 })).toThrow(
      FilterError,
    );
    expect(() => fetchPage(db, { order: '-createdAt', after: first.endCursor, first: 2 })).toThrow(/order/);
    const tampered = Buffer.from(
      JSON.stringify({ o: '+summary_metrics.loss', k: [0], c: 'x', i: 1.5 }),
    ).toString('base64url');
    expect(() => fetchPage(db, { order: '+summary_metrics.loss', after: tampered, first: 2 })).toThrow(
      FilterError,
    );
  });

  it('rejects bad orders and page sizes', () => {
    expect(() => compileRunPage({ projectId: 1, filter: {}, order: '-', after: null, first: 1 })).toThrow(
      FilterError,
    );
    expect(() => compileRunPage({ projectId: 1, filter: {}, order: '+tags', after: null, first: 1 })).toThrow(
      /tags/,
    );
    expect(() =>
      compileRunPage({ projectId: 1, filter: {}, order: '+bogus', after: null, first: 1 }),
    ).toThrow(/bogus/);
    expect(() => compileRunPage({ projectId: 1, filter: {}, order: null, after: null, first: NaN })).toThrow(
      FilterError,
    );
    expect(fetchPage(db, { first: 0 }).names).toEqual([]);
  });
});
