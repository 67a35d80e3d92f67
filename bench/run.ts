// `pnpm bench [--quick] [--only id,id]`: runs every workload through @wbapi/node and through a
// bare fetch + JSON.parse loop against the local server (in a child process), each variant in
// a fresh process, then writes bench/results/latest.json and latest.md and prints the table.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { browserBundleSize } from './lib/bundle-size';
import { FULL, QUICK, type BenchSizes } from './lib/datasets';
import type { Measurement } from './lib/measure';
import { workloads } from './workloads';
import type { WorkloadContext } from './workloads/types';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyArg = args.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const only = onlyArg ? new Set(onlyArg.split(',')) : undefined;
const roundsArg = args.find((a) => a.startsWith('--rounds='))?.slice('--rounds='.length);
const rounds = Math.max(1, Number(roundsArg ?? (quick ? 1 : 2)));
// --cpu-prof=<dir>: each client variant's measuring child writes a V8 CPU profile there.
const cpuProfDir = args.find((a) => a.startsWith('--cpu-prof='))?.slice('--cpu-prof='.length);
// BENCH_SIZES='{"scanRows":100000}' overrides single sizes, for investigating one workload.
const sizes: BenchSizes = {
  ...(quick ? QUICK : FULL),
  ...(JSON.parse(process.env.BENCH_SIZES ?? '{}') as Partial<BenchSizes>),
};
const here = import.meta.dirname;

function forkChild(script: string, childArgs: string[], execArgv = ['--import', 'tsx']): ChildProcess {
  return fork(script, childArgs, { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

/**
 * The measuring child, bundled to plain JavaScript (packages left as imports) so that it runs
 * without the tsx loader, whose transpiler would otherwise be charged to every workload's peak
 * RSS (about 50 MB) and start-up CPU.
 */
async function buildMeasureChild(): Promise<string> {
  // Inside bench/ (git-ignored .cache), so that its package imports resolve from here.
  mkdirSync(join(here, '.cache'), { recursive: true });
  const out = join(here, '.cache', `measure-child-${process.pid}.mjs`);
  const { build } = await import('esbuild');
  await build({
    entryPoints: [join(here, 'lib/measure-child.ts')],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    absWorkingDir: here,
    logLevel: 'warning',
  });
  return out;
}

function firstMessage<T>(child: ChildProcess, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve(message as T));
    child.once('exit', (code) => reject(new Error(`${what} exited with code ${code} before answering`)));
    child.once('error', reject);
  });
}

interface Row {
  id: string;
  title: string;
  unit: string;
  client: Measurement;
  limit?: Measurement;
}

const started = Date.now();
console.log(`wbapi bench${quick ? ' --quick' : ''}: ${JSON.stringify(sizes)}`);
const selected = workloads.filter((workload) => !only || only.has(workload.id));
// `--only=bundle` needs no server and no data set.
const rows: Row[] = selected.length > 0 ? await runWorkloads(selected) : [];

async function runWorkloads(chosen: typeof workloads): Promise<Row[]> {
  const cacheDir = quick ? undefined : join(here, '.cache');
  const measureChild = await buildMeasureChild();
  const server = forkChild(join(here, 'lib/server-child.ts'), [
    JSON.stringify(sizes),
    ...(cacheDir ? [cacheDir] : []),
  ]);
  const { url, apiKey, loadMs } = await firstMessage<{ url: string; apiKey: string; loadMs: number }>(
    server,
    'server',
  );
  console.log(`server ready at ${url} (data loaded in ${(loadMs / 1000).toFixed(1)} s)`);

  const scratch = mkdtempSync(join(tmpdir(), 'wbapi-bench-'));
  const context: WorkloadContext = { url, apiKey, sizes, scratch };
  const measured: Row[] = [];
  try {
    for (const workload of chosen) {
      const run = async (variant: 'client' | 'limit') => {
        const profile =
          cpuProfDir && variant === 'client'
            ? [
                '--cpu-prof',
                `--cpu-prof-dir=${cpuProfDir}`,
                `--cpu-prof-name=${workload.id}-${Date.now()}.cpuprofile`,
              ]
            : [];
        const child = forkChild(
          measureChild,
          [workload.id, variant, JSON.stringify(context)],
          ['--expose-gc', ...profile],
        );
        return firstMessage<Measurement>(child, `${workload.id} (${variant})`);
      };
      // Variants alternate over the rounds (limit, client, limit, client, ...) and the round of
      // each with the least client CPU is kept, so that neither side is charged for a cold
      // server cache (CPU time is the figure compared: wall time depends on the machine's load).
      let limit: Measurement | undefined;
      let client: Measurement | undefined;
      const faster = (a: Measurement | undefined, b: Measurement) =>
        a && a.cpuMicros <= b.cpuMicros ? a : b;
      for (let round = 0; round < rounds; round++) {
        if (workload.limit) limit = faster(limit, await run('limit'));
        client = faster(client, await run('client'));
      }
      if (!client) throw new Error('no rounds');
      measured.push({
        id: workload.id,
        title: workload.title,
        unit: workload.unit,
        client,
        ...(limit ? { limit } : {}),
      });
      console.log(
        `  ${workload.id}: ${cpuPerItem(client, workload.unit)}, ${rate(client, workload.unit)}` +
          (limit ? ` (limit ${cpuPerItem(limit, workload.unit)}, ${rate(limit, workload.unit)})` : ''),
      );
    }
  } finally {
    server.send('stop');
    rmSync(scratch, { recursive: true, force: true });
    rmSync(measureChild, { force: true });
  }
  return measured;
}
const bundle = !only || only.has('bundle') ? await browserBundleSize() : undefined;

function format(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return n.toFixed(1);
}

function rate(m: Measurement, unit: string): string {
  const perSecond = m.items / m.seconds;
  return unit === 'bytes' ? `${(perSecond / 1024 ** 2).toFixed(0)} MB/s` : `${format(perSecond)} ${unit}/s`;
}

/** Client CPU (user + system) per work item: µs per row or run, ms per MB. */
function cpuPerItem(m: Measurement, unit: string): string {
  if (unit === 'bytes') return `${(m.cpuMicros / 1000 / (m.items / 1024 ** 2)).toFixed(2)} ms/MB`;
  const singular = unit.replace(/s$/, '');
  return `${(m.cpuMicros / m.items).toFixed(2)} µs/${singular}`;
}

const lines = [
  `| workload | client CPU | limit CPU (bare fetch + JSON.parse) | client/limit CPU | client | limit | client/limit time | client peak RSS / heap | limit peak RSS / heap |`,
  `| --- | --- | --- | --- | --- | --- | --- | --- | --- |`,
  ...rows.map((row) => {
    const ratio = row.limit ? `${(row.client.seconds / row.limit.seconds).toFixed(2)}×` : '—';
    const cpuRatio = row.limit ? `${(row.client.cpuMicros / row.limit.cpuMicros).toFixed(2)}×` : '—';
    const mem = (m?: Measurement) => (m ? `${m.peakRssMb.toFixed(0)} / ${m.peakHeapMb.toFixed(0)} MB` : '—');
    const extra = row.client.extra
      ? ` (${Object.entries(row.client.extra)
          .map(([k, v]) => `${k} ${v.toFixed(1)}`)
          .join(', ')})`
      : '';
    const cpu = (m?: Measurement) => (m ? cpuPerItem(m, row.unit) : '—');
    return `| ${row.title} | ${cpu(row.client)} | ${cpu(row.limit)} | ${cpuRatio} | ${rate(row.client, row.unit)}${extra} | ${row.limit ? rate(row.limit, row.unit) : '—'} | ${ratio} | ${mem(row.client)} | ${mem(row.limit)} |`;
  }),
  ...(bundle ?? []).map(
    (page) =>
      `| ${page.label} | ${(page.gzippedBytes / 1024).toFixed(2)} kB gzipped (${(page.minifiedBytes / 1024).toFixed(1)} kB minified${page.lazyGzippedBytes === undefined ? '' : `; ${(page.lazyGzippedBytes / 1024).toFixed(2)} kB gzipped loaded on first use`}) | — | — | — | — | — | — | — |`,
  ),
];
const machine = `${cpus().length} cores, Node ${process.version}`;
const date = new Date().toISOString().slice(0, 10);
const markdown = [
  `Measured ${date} on ${machine} with \`pnpm bench${quick ? ' --quick' : ''}\` (sizes: ${JSON.stringify(sizes)}; round with the least CPU of ${rounds} alternating round(s) per variant; CPU is user + system time of the client process over the workload alone).`,
  '',
  ...lines,
  '',
].join('\n');
const resultsDir = join(here, 'results');
mkdirSync(resultsDir, { recursive: true });
const name =
  args.find((a) => a.startsWith('--out='))?.slice('--out='.length) ?? (quick ? 'latest-quick' : 'latest');
writeFileSync(
  join(resultsDir, `${name}.json`),
  JSON.stringify({ date, machine, quick, sizes, rows, bundle }, null, 2) + '\n',
);
writeFileSync(join(resultsDir, `${name}.md`), markdown);
console.log(`\n${markdown}`);
console.log(`wrote bench/results/${name}.json and .md in ${((Date.now() - started) / 1000).toFixed(0)} s`);
