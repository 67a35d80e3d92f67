// The README demo: a short tour of wbapi. By default it starts @wbapi/server with demo data on
// a free port and runs against it; with `--remote` (and WANDB_API_KEY set) it runs the same
// tour against the real W&B service, on WANDB_ENTITY / WANDB_PROJECT or the first project found.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Api, QueryGenerator, type ArtifactDownloadProgress, type NodePlatform, type Run } from '@wbapi/node';
import { startServer } from '@wbapi/server';

const remote = process.argv.includes('--remote');
const server = remote ? undefined : await startServer({ demo: true });
const api = server ? new Api({ baseUrl: server.url, apiKey: server.apiKey }) : new Api();
const scratch = await mkdtemp(join(tmpdir(), 'wbapi-demo-'));

function title(text: string): void {
  console.log(`\n── ${text}`);
}

function fmt(value: unknown): string {
  return typeof value === 'number'
    ? Number.isInteger(value)
      ? String(value)
      : value.toPrecision(4)
    : JSON.stringify(value);
}

try {
  console.log(
    server ? `Local W&B-compatible server with demo data at ${server.url}` : 'Real W&B service (--remote)',
  );

  const entity = process.env.WANDB_ENTITY ?? (await api.defaultEntity());
  if (!entity) throw new Error('No entity: set WANDB_ENTITY');
  title(`Projects of ${entity}`);
  const projects = await api.projects(entity).toArray({ limit: 5 });
  for (const project of projects)
    console.log(`  ${project.entity}/${project.name}  created ${project.createdAt}`);
  const projectName =
    process.env.WANDB_PROJECT ?? (projects.find((p) => p.name === 'mnist') ?? projects[0])?.name;
  if (!projectName) throw new Error(`${entity} has no project`);
  const path = `${entity}/${projectName}`;

  title(`Finished runs of ${path} with batch_size >= 32, best accuracy (acc) first`);
  const runs = api.runs(path, {
    filters: { $and: [{ state: 'finished' }, { 'config.batch_size': { $gte: 32 } }] },
    order: '-summary_metrics.acc',
    perPage: 10,
  });
  console.log(`  ${await runs.length()} matching runs; the top 3:`);
  for (const run of await runs.toArray({ limit: 3 })) {
    console.log(
      `  ${run.id}  ${run.name}  acc=${fmt(run.summary.acc)}  learning_rate=${fmt(run.config.learning_rate)}`,
    );
  }

  title('The same kind of filter written as a report filter tree, through QueryGenerator');
  const filters = QueryGenerator.filterToMongo({
    op: 'OR',
    filters: [
      {
        op: 'AND',
        filters: [
          { key: { section: 'run', name: 'state' }, op: '=', value: 'finished' },
          { key: { section: 'summary', name: 'loss' }, op: '<', value: 0.5 },
        ],
      },
    ],
  });
  console.log(`  ${JSON.stringify(filters)}`);
  console.log(`  → ${await api.runs(path, { filters: filters ?? {} }).length()} runs`);

  title('Best run of a sweep');
  const [inSweep] = await api
    .runs(path, { filters: { sweep: { $exists: true, $ne: null } }, perPage: 1 })
    .toArray({ limit: 1 });
  let tourRun: Run<NodePlatform> | undefined = inSweep;
  if (inSweep?.sweepName) {
    const sweep = await api.sweep(`${path}/${inSweep.sweepName}`);
    console.log(
      `  sweep ${sweep.id} "${sweep.name}" (${sweep.state}), ${sweep.method}, order ${sweep.order}`,
    );
    const best = await sweep.bestRun();
    if (best) {
      tourRun = best;
      console.log(`  best run ${best.id}: config ${JSON.stringify(best.config)}`);
      const summary = Object.entries(best.summary)
        .filter(([key]) => !key.startsWith('_'))
        .slice(0, 4);
      console.log(`  summary ${summary.map(([k, v]) => `${k}=${fmt(v)}`).join(' ')}`);
    }
  } else {
    console.log('  (no run of this project belongs to a sweep)');
  }
  tourRun ??= (await api.runs(path).toArray({ limit: 1 }))[0];
  if (!tourRun) throw new Error(`${path} has no runs`);

  title(`History of ${tourRun.path.join('/')}`);
  const sampled = await tourRun.history({ samples: 5, keys: ['loss'] });
  console.log(
    `  sampled (5 points of loss): ${sampled.map((row) => `${row._step}:${fmt(row.loss)}`).join('  ')}`,
  );
  let rows = 0;
  let lastStep = -1;
  for await (const row of tourRun.scanHistory({ pageSize: 200 })) {
    rows++;
    lastStep = row._step as number;
  }
  console.log(`  full scan: ${rows} rows, last step ${lastStep}`);

  title('History from Parquet exports');
  // W&B exports finished runs' history to Parquet; scans read those files when the server has
  // them (source 'auto'). Find a run whose history is exported, save its files and scan it both ways.
  try {
    let exported: { run: Run<NodePlatform>; paths: string[] } | undefined;
    for (const candidate of await api.runs(path, { filters: { state: 'finished' } }).toArray({ limit: 6 })) {
      const saved = await candidate.downloadHistoryExports(join(scratch, 'exports'), {
        requireComplete: false,
      });
      if (saved.paths.length > 0 && !saved.containsLiveData)
        exported = { run: candidate, paths: saved.paths };
      if (exported) break;
    }
    if (!exported) {
      console.log('  (no finished run of this project has history exports yet)');
    } else {
      const { run, paths } = exported;
      console.log(
        `  ${run.path.join('/')}: ${paths.length} export file(s), e.g. ${paths[0]?.split('/').pop()}`,
      );
      for (const source of ['parquet', 'pages'] as const) {
        const started = performance.now();
        const scanned = await run.scanHistory({ source, keys: ['loss'] }).toArray({ limit: Infinity });
        const ms = (performance.now() - started).toFixed(0);
        console.log(
          `  scanHistory({ source: '${source}', keys: ['loss'] }): ${scanned.length} rows in ${ms} ms`,
        );
      }
    }
  } catch (error) {
    if ((error as Error).name !== 'ParquetHistoryUnsupportedError') throw error;
    console.log('  (this server has no history exports: scans read the page queries)');
  }

  title('Files');
  const files = await tourRun.files().toArray({ limit: 10 });
  for (const file of files) console.log(`  ${file.name}  ${file.sizeBytes} bytes  ${file.mimetype ?? ''}`);
  const textFile = files.find((file) => (file.mimetype ?? '').startsWith('text/')) ?? files[0];
  if (textFile) {
    const saved = await textFile.download({ root: scratch, replace: true });
    const head = (await readFile(saved, 'utf8')).split('\n')[0];
    console.log(`  downloaded ${textFile.name} → ${saved}\n  first line: ${head}`);
  }

  title(`Artifacts of ${path}`);
  const [artifactType] = await api.artifactTypes(path).toArray({ limit: 1 });
  const [collection] = artifactType
    ? await api.artifactCollections(path, artifactType.name).toArray({ limit: 1 })
    : [];
  if (collection) {
    const artifact = await api.artifact(`${collection.path}:latest`);
    console.log(
      `  ${artifact.qualifiedName}: ${artifact.type} ${artifact.version} [${artifact.aliases.join(', ')}], ` +
        `${artifact.fileCount} files, ${artifact.size} bytes`,
    );
    const creator = await artifact.loggedBy();
    if (creator)
      console.log(`  logged by run ${creator.path}, used by ${(await artifact.usedBy()).length} run(s)`);
    let last: ArtifactDownloadProgress | undefined;
    const root = await artifact.download({
      root: join(scratch, 'artifact'),
      cacheDir: join(scratch, 'artifact-cache'),
      onProgress: (progress) => (last = progress),
    });
    console.log(
      `  downloaded ${last?.files ?? 0} files, ${last?.bytes ?? 0} bytes, each checked against the manifest → ${root}`,
    );
  } else {
    console.log('  (no artifacts in this project)');
  }
  if (server) {
    const linked = await api.artifact('wandb-registry-model/mnist-classifier:production');
    console.log(
      `  registry: ${linked.qualifiedName} is ${linked.sourceName} of ${linked.source.entity}/${linked.source.project}`,
    );
  }

  title(`Reports of ${path}`);
  for (const report of await api.reports(path).toArray({ limit: 5 })) {
    console.log(
      `  "${report.displayName}" by ${report.user?.username ?? '?'}, ${report.sections.length} section(s)`,
    );
  }
  console.log('\nDone.');
} finally {
  await rm(scratch, { recursive: true, force: true });
  await server?.close();
}
