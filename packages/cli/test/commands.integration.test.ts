import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Api, type Run } from '@wbapi/node';
import { DEMO_API_KEY } from '@wbapi/server';
import { describe, expect, it } from 'vitest';
import { parseCsv, tempDir } from './helpers/files';
import { runCli } from './helpers/run-cli';
import { PROJECT, RUNS, serverFlags, useDemoServer } from './helpers/server';

const demoServer = useDemoServer();

function api(): Api {
  return new Api({ baseUrl: demoServer().url, apiKey: DEMO_API_KEY, cache: false });
}

async function listRuns(): Promise<Run[]> {
  return api().runs(PROJECT).toArray({ limit: 100 });
}

describe('wbapi runs', () => {
  it('prints a table of the runs in listing order', async () => {
    const result = await runCli(['runs', PROJECT, ...serverFlags(demoServer())]);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^id\s+name\s+state\s+createdAt/);
    expect(lines.slice(1).map((line) => line.split(/\s+/)[0])).toEqual(
      (await listRuns()).map((run) => run.id),
    );
  });

  it('filters and orders, as JSON Lines', async () => {
    const flags = ['--filter', '{"state":"finished"}', '--order', '-created_at', '--format', 'jsonl'];
    const result = await runCli(['runs', PROJECT, ...flags, ...serverFlags(demoServer())]);
    const printed = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; state: string });
    const expected = await api()
      .runs(PROJECT, { filters: { state: 'finished' }, order: '-created_at' })
      .toArray({ limit: 100 });
    expect(printed.map((run) => run.id)).toEqual(expected.map((run) => run.id));
    expect(printed.every((run) => run.state === 'finished')).toBe(true);
  });

  it('writes CSV with config.* and summary.* columns', async () => {
    const result = await runCli(['runs', PROJECT, '--format', 'csv', ...serverFlags(demoServer())]);
    const [header, ...records] = parseCsv(result.stdout);
    expect(header?.slice(0, 4)).toEqual(['id', 'name', 'state', 'createdAt']);
    expect(header).toContain('config.learning_rate');
    expect(records).toHaveLength(RUNS);
  });
});

describe('wbapi history', () => {
  it('prints sampled rows as JSON Lines, equal to run.history()', async () => {
    const [run] = await listRuns();
    const path = `${PROJECT}/${run?.id}`;
    const result = await runCli([
      'history',
      path,
      '--samples',
      '7',
      '--keys',
      'loss',
      ...serverFlags(demoServer()),
    ]);
    expect(result.code).toBe(0);
    const rows = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as unknown);
    expect(rows).toEqual(await run?.history({ samples: 7, keys: ['loss'] }));
  });

  it('--match any prints rows having any of the keys, equal to run.history({ match: "any" })', async () => {
    const [run] = await listRuns();
    const keys = ['loss', 'never-logged'];
    const flags = ['history', `${PROJECT}/${run?.id}`, '--samples', '7', '--keys', keys.join(',')];
    const any = await runCli([...flags, '--match', 'any', ...serverFlags(demoServer())]);
    expect(any.code).toBe(0);
    const rows = any.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as unknown);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows).toEqual(await run?.history({ samples: 7, keys, match: 'any' }));
    const all = await runCli([...flags, ...serverFlags(demoServer())]);
    expect(all.stdout.trim()).toBe('');
  });

  it('quotes awkward keys and values in CSV (RFC 4180) and writes NaN/Infinity by name', async () => {
    const result = await runCli([
      'history',
      'demo/awkward/odd1',
      '--full',
      '--format',
      'csv',
      ...serverFlags(demoServer()),
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('"a,b","say ""hi"""," padded ",plain,');
    const [header, ...records] = parseCsv(result.stdout);
    const rows = records.map((record) => Object.fromEntries(record.map((value, i) => [header?.[i], value])));
    expect(header).toEqual(
      expect.arrayContaining(['_step', 'a,b', 'say "hi"', ' padded ', 'multi\nline', 'late']),
    );
    expect(rows[0]).toMatchObject({
      'a,b': '1',
      'say "hi"': 'he said "no"',
      ' padded ': '  spaces  ',
      plain: 'NaN',
    });
    expect(rows[1]).toMatchObject({
      'a,b': 'Infinity',
      'multi\nline': 'line1\nline2',
      plain: '-Infinity',
      late: 'x,y',
    });
    expect(rows[2]).toMatchObject({ 'a,b': '-0.5', 'say "hi"': '', plain: '3', late: '' });
  });
});

describe('wbapi files', () => {
  async function runWithFiles(): Promise<Run> {
    for (const run of await listRuns()) if ((await run.files().toArray({ limit: 1 })).length > 0) return run;
    throw new Error('the demo has no run with files');
  }

  it('lists the files matching a glob and downloads them', async () => {
    const run = await runWithFiles();
    const names = (await run.files().toArray({ limit: 100 })).map((file) => file.name);
    const path = `${PROJECT}/${run.id}`;
    const listed = await runCli(['files', path, ...serverFlags(demoServer())]);
    expect(listed.code).toBe(0);
    for (const name of names) expect(listed.stdout).toContain(name);

    const first = names[0] as string;
    const dir = await tempDir();
    const got = await runCli([
      'files',
      path,
      '--pattern',
      first,
      '--download',
      dir,
      ...serverFlags(demoServer()),
    ]);
    expect(got.code).toBe(0);
    expect(got.stdout.trim().split('\n')).toEqual([join(dir, first)]);
    const bytes = await readFile(join(dir, first));
    expect(bytes.length).toBe((await run.file(first)).sizeBytes);
  });
});

describe('errors and exit codes', () => {
  it('2 for a filter that is not JSON', async () => {
    const result = await runCli(['runs', PROJECT, '--filter', '{nope', ...serverFlags(demoServer())]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/not valid JSON/);
  });

  it('2 for a filter the server refuses', async () => {
    const result = await runCli(['runs', PROJECT, '--filter', '{"$bogus":1}', ...serverFlags(demoServer())]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^wbapi: GraphQLError: .*\$bogus/);
  });

  it('4 for a project that does not exist', async () => {
    const result = await runCli(['runs', 'demo/nothing-here', ...serverFlags(demoServer())]);
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/^wbapi: NotFoundError/);
  });

  it('3 for an API key the server refuses, without printing the key', async () => {
    const key = 'wrong-key-' + 'x'.repeat(40);
    const result = await runCli(['runs', PROJECT, '--base-url', demoServer().url, '--api-key', key]);
    expect(result.code).toBe(3);
    expect(result.stderr).not.toContain(key);
  });
});
