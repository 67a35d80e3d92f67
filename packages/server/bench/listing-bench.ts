/**
 * Times runs listings on 100k runs (not a test): first page, later pages and runCount for a JSON
 * filter and order, through the plain compiled SQL and through the listing cache.
 * Not part of the build or tests. Run: `BENCH_DB=/tmp/bench.db pnpm --filter @wbapi/server exec tsx bench/listing-bench.ts [runs]`.
 */
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Dataset, DatasetRun } from '../src/demo/dataset';
import { RunListingCache, compileRunCount, compileRunPage } from '../src/query';
import { Store } from '../src/store/store';

const RUNS = Number(process.argv[2] ?? 100_000);

interface BenchModule {
  benchDataset(sizes: Record<string, number>): Dataset;
}
// The repository's bench data set (bench/lib/datasets.ts), loaded by URL so tsc stays in this package.
const datasets = (await import(
  new URL('../../../../bench/lib/datasets.ts', import.meta.url).href
)) as BenchModule;
const sizes = {
  scanRows: 0,
  scanKeys: 0,
  listRuns: RUNS,
  sampledRuns: 0,
  sampledRowsPerRun: 0,
  fileBytes: 0,
};
const dataset = datasets.benchDataset(sizes);
/** A run of the listing project, to insert while paging. */
function listingRun(): DatasetRun {
  for (const run of datasets.benchDataset({ ...sizes, listRuns: 1 }).runs)
    if (run.project === 'listing') return run;
  throw new Error('no listing run');
}

// BENCH_DB=<file> keeps the imported runs in a SQLite file for the next invocation.
const path = process.env.BENCH_DB;
const reuse = path !== undefined && existsSync(path);
const store = new Store(path ? { path } : {});
let t = performance.now();
if (!reuse) {
  store.importDataset(dataset);
  console.log(`import ${RUNS} runs: ${(performance.now() - t).toFixed(0)} ms`);
}
const projectId = (store.project('bench', 'listing') as { id: number }).id;

const cases: { label: string; filter: unknown; order: string | null }[] = [
  {
    label: 'JSON filter + JSON order',
    filter: { $and: [{ state: 'finished' }, { 'config.batch_size': { $gte: 32 } }] },
    order: '-summary_metrics.loss',
  },
  { label: 'no filter, JSON order', filter: {}, order: '-summary_metrics.loss' },
  { label: 'column filter, default order', filter: { state: 'finished' }, order: null },
  { label: 'no filter, default order', filter: {}, order: null },
];

const ms = (since: number): string => `${(performance.now() - since).toFixed(1)} ms`;

/** Direct SQL path: pages and counts straight from the compiled SQL. */
function direct(filter: unknown, order: string | null): void {
  let after: string | null = null;
  const times: string[] = [];
  for (let page = 0; page < 4; page++) {
    t = performance.now();
    const q = compileRunPage({ projectId, filter, order, after, first: 51 });
    const rows = store.db.prepare(q.sql).all(...q.params) as Record<string, unknown>[];
    const c = compileRunCount({ projectId, filter });
    store.db.prepare(c.sql).get(...c.params);
    times.push(ms(t));
    after = q.cursorOf(rows[49]!);
  }
  console.log(`  direct (page+count) x4: ${times.join(', ')}`);
}

/** Through a fresh listing cache, as the resolvers do; then one insert, update and delete between pages. */
function cached(filter: unknown, order: string | null): void {
  const cache = new RunListingCache(store.db);
  let after: string | null = null;
  const times: string[] = [];
  const page = (): void => {
    t = performance.now();
    // runCount comes before runs in the Runs query, so the resolvers count first.
    cache.count({ projectId, filter });
    const p = cache.page({ projectId, filter, order, after, first: 51 });
    times.push(ms(t));
    after = p.cursorOf(p.rows[49] as Record<string, unknown>);
  };
  for (let i = 0; i < 6; i++) page();
  console.log(`  cached (page+count) x6: ${times.join(', ')}`);
  times.length = 0;
  const late = store.addRun({ ...listingRun(), name: 'late-run' });
  page();
  store.db.prepare(`UPDATE runs SET summary_metrics = '{"loss": 0.001}' WHERE id = ?`).run(late.id - 5);
  page();
  store.deleteRun(late.id);
  page();
  console.log(`  cached after an insert, an update, a delete: ${times.join(', ')}`);
}

for (const c of cases) {
  console.log(c.label);
  if (!process.env.SKIP_DIRECT) direct(c.filter, c.order);
  cached(c.filter, c.order);
}
store.close();
