import { access, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Api, parseWandbJson, type HistoryRow } from '@wbapi/node';
import { DEMO_API_KEY, datasetRun, type RunningServer } from '@wbapi/server';
import { describe, expect, it } from 'vitest';
import { duckHistory, duckMetadata, duckQuery, duckSchema } from './helpers/duck';
import { folderBytes, tempDir } from './helpers/files';
import { abortAfterRuns, FAST_RETRIES, runCli } from './helpers/run-cli';
import { PROJECT, RUNS, VARIED_PROJECT, serverFlags, useDemoServer } from './helpers/server';

const demoServer = useDemoServer();
const MANIFEST = '.wbapi-export.json';

function parquetArgs(server: RunningServer, project: string, out: string, ...more: string[]): string[] {
  return ['export', project, '--out', out, '--full', '--format', 'parquet', ...serverFlags(server), ...more];
}

interface ScannedRun {
  id: string;
  config: Record<string, unknown>;
  summary: Record<string, unknown>;
  rows: HistoryRow[];
}

/** Every run of the project in listing order, with its rows as `scanHistory` gives them. */
async function scanned(server: RunningServer, project: string, keys?: string[]): Promise<ScannedRun[]> {
  const api = new Api({ baseUrl: server.url, apiKey: DEMO_API_KEY, cache: false });
  const runs: ScannedRun[] = [];
  for await (const run of api.runs(project)) {
    const rows: HistoryRow[] = [];
    for await (const row of run.scanHistory(keys ? { keys } : {})) rows.push(row);
    runs.push({ id: run.id, config: run.config, summary: run.summary, rows });
  }
  return runs;
}

const exists = (path: string): Promise<boolean> =>
  access(path).then(
    () => true,
    () => false,
  );

describe('wbapi export --format parquet to a folder', () => {
  it.each([VARIED_PROJECT, PROJECT])(
    '%s: one file per run, which DuckDB reads as the rows of scanHistory, with config and summary',
    async (project) => {
      const server = demoServer();
      const out = await tempDir();
      const result = await runCli(parquetArgs(server, project, out));
      expect(result.code).toBe(0);
      const runs = await scanned(server, project);
      expect(runs.length).toBeGreaterThan(1);
      for (const run of runs) {
        const file = join(out, `${run.id}.parquet`);
        expect((await duckHistory(file)).get(null) ?? []).toEqual(run.rows);
        const record = { id: run.id, config: run.config, summary: run.summary };
        expect(parseWandbJson((await duckMetadata(file))['wbapi.run'] ?? '')).toMatchObject(record);
        expect(parseWandbJson(await readFile(join(out, `${run.id}.run.json`), 'utf8'))).toMatchObject(record);
      }
      const names = (await readdir(out)).sort();
      expect(names).toEqual(
        [MANIFEST, ...runs.flatMap((run) => [`${run.id}.parquet`, `${run.id}.run.json`])].sort(),
      );
      expect(result.stderr).toContain(
        `exported ${runs.length} runs, ${runs.reduce((n, run) => n + run.rows.length, 0)} rows`,
      );
    },
  );

  it('types: _step INT64, numbers DOUBLE with NaN and ±Infinity, text UTF8, mixed keys JSON text', async () => {
    const server = demoServer();
    const out = await tempDir();
    expect((await runCli(parquetArgs(server, VARIED_PROJECT, out))).code).toBe(0);
    // The dataset's run names are the run ids.
    const file = join(out, 'vary1.parquet');
    expect(await duckSchema(file)).toMatchObject({
      _step: 'INT64',
      loss: 'DOUBLE',
      'train.lr': 'DOUBLE',
      'train.opt.name': 'BYTE_ARRAY/UTF8',
      ok: 'BOOLEAN',
      label: 'BYTE_ARRAY/UTF8',
      mixed: 'BYTE_ARRAY/UTF8',
      hist: 'BYTE_ARRAY/UTF8',
    });
    const losses = await duckQuery(
      `SELECT loss, mixed, "mixed.k" AS k FROM read_parquet('${file}') WHERE _step IN (4, 7, 9, 1) ORDER BY _step`,
    );
    // `mixed` is a number, a string, a boolean or a dict by step: the dict goes to `mixed.k`.
    expect(losses).toEqual([
      { loss: 0.5, mixed: '"s1"', k: null },
      { loss: NaN, mixed: '4', k: null },
      { loss: Infinity, mixed: null, k: 7 },
      { loss: -Infinity, mixed: '"s9"', k: null },
    ]);
    // A key `a.b` beside `a: { b }`: the second dotted name gets `_`, the metadata has both paths.
    const columns = JSON.parse((await duckMetadata(join(out, 'vary2.parquet')))['wbapi.columns'] ?? '');
    expect(columns).toEqual(
      expect.arrayContaining([
        { name: 'a.b', path: ['a.b'], kind: 'json' },
        { name: 'a.b_', path: ['a', 'b'], kind: 'double' },
      ]),
    );
  });

  it('a keyed export that no row matches writes files that DuckDB reads as empty', async () => {
    const server = demoServer();
    const out = await tempDir();
    const result = await runCli(parquetArgs(server, VARIED_PROJECT, out, '--keys', 'nosuch'));
    expect(result.code).toBe(0);
    for (const run of await scanned(server, VARIED_PROJECT, ['nosuch'])) {
      expect(run.rows).toEqual([]);
      const file = join(out, `${run.id}.parquet`);
      expect(await duckQuery(`SELECT count(*)::INTEGER AS n FROM read_parquet('${file}')`)).toEqual([
        { n: 0 },
      ]);
      expect(Object.keys(await duckSchema(file))).toEqual(['_step']);
    }
  });

  it('an export cut short (Ctrl-C, then a failing server) leaves no partial file; resumed, it equals an uninterrupted one', async () => {
    const server = demoServer();
    const whole = await tempDir();
    expect((await runCli(parquetArgs(server, PROJECT, whole, '--concurrency', '2'))).code).toBe(0);
    const out = await tempDir();
    const aborted = await runCli(parquetArgs(server, PROJECT, out, '--concurrency', '2'), abortAfterRuns(2));
    expect(aborted.code).toBe(130);
    const failing = await runCli(parquetArgs(server, PROJECT, out, '--concurrency', '1', '--resume'), {
      ...FAST_RETRIES,
      onStderr: (text) => {
        if (/runs 4\//.test(text)) server.faults.update({ errorRate: 1 });
      },
    });
    expect(failing.code).toBe(5);
    server.faults.clear();
    const manifest = JSON.parse(await readFile(join(out, MANIFEST), 'utf8')) as {
      runs: Record<string, { files: string[] }>;
      complete: boolean;
    };
    expect(manifest.complete).toBe(false);
    const done = Object.values(manifest.runs).flatMap((run) => run.files);
    expect(done.length / 2).toBeGreaterThanOrEqual(4);
    expect(done.length / 2).toBeLessThan(RUNS);
    // Only complete runs are on disk: every .parquet is one the manifest lists.
    expect((await readdir(out)).filter((name) => name.endsWith('.parquet')).sort()).toEqual(
      done.filter((name) => name.endsWith('.parquet')).sort(),
    );
    // A process killed while writing a run leaves its temporary file behind.
    await writeFile(join(out, 'zz.parquet.tmp-4242'), 'PAR1 half a file');
    const resumed = await runCli(parquetArgs(server, PROJECT, out, '--resume'));
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toMatch(/were already done/);
    expect(await folderBytes(out)).toEqual(await folderBytes(whole));
  });
});

describe('wbapi export --format parquet to one file', () => {
  it('one file with run_id first, the rows of scanHistory per run, and every run’s record', async () => {
    const server = demoServer();
    const dir = await tempDir();
    const file = join(dir, 'varied.parquet');
    const result = await runCli(parquetArgs(server, VARIED_PROJECT, file));
    expect(result.code).toBe(0);
    const runs = await scanned(server, VARIED_PROJECT);
    const read = await duckHistory(file, true);
    expect([...read.keys()]).toEqual(runs.map((run) => run.id));
    for (const run of runs) expect(read.get(run.id)).toEqual(run.rows);
    expect(Object.keys(await duckSchema(file)).slice(0, 2)).toEqual(['run_id', '_step']);
    const records = parseWandbJson((await duckMetadata(file))['wbapi.runs'] ?? '');
    expect(records).toMatchObject(runs.map(({ id, config, summary }) => ({ id, config, summary })));
    // Only the file and its manifest are left: the staged runs are gone.
    expect((await readdir(dir)).sort()).toEqual([`.varied.parquet${MANIFEST}`, 'varied.parquet']);

    const flagged = join(dir, 'flagged.parquet');
    const again = await runCli(parquetArgs(server, VARIED_PROJECT, flagged, '--combined'));
    expect(again.code).toBe(0);
    expect(await readFile(flagged)).toEqual(await readFile(file));
  });

  it('--combined needs an --out ending in .parquet (exit code 2)', async () => {
    const server = demoServer();
    const out = await tempDir();
    const result = await runCli(parquetArgs(server, VARIED_PROJECT, join(out, 'x'), '--combined'));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/does not end in \.parquet/);
  });

  it('aborted, killed while writing the file, and resumed, it equals an uninterrupted one', async () => {
    const server = demoServer();
    const dir = await tempDir();
    const whole = join(dir, 'whole.parquet');
    expect((await runCli(parquetArgs(server, PROJECT, whole))).code).toBe(0);
    const out = join(dir, 'part.parquet');
    expect((await runCli(parquetArgs(server, PROJECT, out), abortAfterRuns(3))).code).toBe(130);
    // Nothing half-written: no file until every run is in; the complete runs are staged.
    expect(await exists(out)).toBe(false);
    const staged = await readdir(join(dir, '.part.parquet.wbapi-parts'));
    expect(staged.length).toBeGreaterThanOrEqual(3);
    // A process killed while writing the file leaves its temporary file behind.
    await writeFile(`${out}.tmp-4242`, 'PAR1 half a file');
    const resumed = await runCli(parquetArgs(server, PROJECT, out, '--resume'));
    expect(resumed.code).toBe(0);
    expect(await readFile(out)).toEqual(await readFile(whole));
    expect((await readdir(dir)).sort()).toEqual(
      [`.part.parquet${MANIFEST}`, `.whole.parquet${MANIFEST}`, 'part.parquet', 'whole.parquet'].sort(),
    );
    // Resuming a finished file again changes nothing.
    const twice = await runCli(parquetArgs(server, PROJECT, out, '--resume'));
    expect(twice.code).toBe(0);
    expect(await readFile(out)).toEqual(await readFile(whole));
  });

  it('a finished file refuses a run added to the project later (exit code 2), unchanged', async () => {
    const server = demoServer();
    const later = (name: string) =>
      datasetRun({ entity: 'demo', project: 'later', name, history: [{ _step: 0, loss: 1 }] });
    server.store.addProject({ entity: 'demo', name: 'later' });
    server.store.addRun(later('first'));
    const file = join(await tempDir(), 'later.parquet');
    expect((await runCli(parquetArgs(server, 'demo/later', file))).code).toBe(0);
    const before = await readFile(file);
    server.store.addRun(later('second'));
    const resumed = await runCli(parquetArgs(server, 'demo/later', file, '--resume'));
    expect(resumed.code).toBe(2);
    expect(resumed.stderr).toMatch(/finished Parquet file and cannot take run second/);
    expect(await readFile(file)).toEqual(before);
  });
});
