import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv, tempDir } from './helpers/files';
import { runCli } from './helpers/run-cli';
import { PROJECT, serverFlags, useDemoServer } from './helpers/server';

const demoServer = useDemoServer();

/** A loopback port nothing listens on: bound by the OS, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('paths a newcomer gets wrong', () => {
  it('a project path given to history says how it was read and that the run id may be missing', async () => {
    const result = await runCli(['history', PROJECT, ...serverFlags(demoServer())]);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain("'demo/mnist' was read as project/run_id");
    expect(result.stderr).toContain('is the run id missing?');
  });

  it('a missing project is named with its entity', async () => {
    const result = await runCli(['runs', 'nope/mnist', ...serverFlags(demoServer())]);
    expect(result.code).toBe(4);
    expect(result.stderr).toBe('wbapi: NotFoundError: Could not find project nope/mnist\n');
  });

  it('a path with too many parts says so (exit 2)', async () => {
    const result = await runCli(['runs', 'a/b/c/d', ...serverFlags(demoServer())]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Invalid path: 'a/b/c/d' (too many parts");
  });

  it('an SQL-style order is refused with the spelling to use', async () => {
    const result = await runCli([
      'runs',
      PROJECT,
      '--order',
      'summary_metrics.acc desc',
      ...serverFlags(demoServer()),
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("the direction as a prefix: '-key' (descending) or '+key'");
  });
});

describe('quiet failures made loud', () => {
  it('a filter the server refuses is one line on stderr: no progress line, no manifest left', async () => {
    const out = join(await tempDir(), 'export');
    const flags = ['--out', out, '--filter', '{"state":{"$foo":1}}'];
    const result = await runCli(['export', PROJECT, ...flags, ...serverFlags(demoServer())]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('wbapi: GraphQLError: Unknown operator "$foo" on field "state"\n');
    expect(existsSync(out)).toBe(false);
  });

  it('--keys that no row has says so on stderr', async () => {
    const result = await runCli([
      'history',
      await firstRunPath(),
      '--keys',
      'nokey',
      ...serverFlags(demoServer()),
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /^wbapi: no rows of demo\/mnist\/\w+ have all of the keys nokey; its history keys are .*loss/,
    );
  });

  it.each(['out.json', 'out.xlsx'])(
    'export --out %s is refused instead of becoming a folder',
    async (name) => {
      const out = join(await tempDir(), name);
      const result = await runCli(['export', PROJECT, '--out', out, ...serverFlags(demoServer())]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(
        'Give a .jsonl, .csv or .parquet file for one combined file, or a folder',
      );
      expect(existsSync(out)).toBe(false);
    },
  );

  it('export --out name.v2/ (ending in /) is a folder', async () => {
    const out = join(await tempDir(), 'name.v2') + '/';
    const result = await runCli([
      'export',
      PROJECT,
      '--out',
      out,
      '--samples',
      '2',
      ...serverFlags(demoServer()),
    ]);
    expect(result.code).toBe(0);
    expect((await readdir(out)).filter((name) => name.endsWith('.run.json')).length).toBeGreaterThan(0);
  });

  it('a refused connection names the URL and the cause, says it retries, and gives up (exit 5)', async () => {
    const port = await closedPort();
    const result = await runCli(
      ['runs', PROJECT, '--base-url', `http://127.0.0.1:${port}`, '--api-key', 'k'.repeat(40)],
      { apiOptions: { retry: { baseDelayMs: 1 } } },
    );
    expect(result.code).toBe(5);
    const lines = result.stderr.trimEnd().split('\n');
    const cause = `Network error during Runs (http://127.0.0.1:${port}/graphql): connect ECONNREFUSED 127.0.0.1:${port}`;
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(new RegExp(`^wbapi: ${escape(cause)}; retrying in \\d+ ms \\(retry 1\\)$`));
    expect(lines[2]).toBe(`wbapi: NetworkError: ${cause}`);
  });
});

/** `demo/mnist/<id>` of the project's first run. */
async function firstRunPath(): Promise<string> {
  const listed = await runCli(['runs', PROJECT, '--format', 'json', ...serverFlags(demoServer())]);
  const [first] = JSON.parse(listed.stdout) as Array<{ id: string }>;
  return `${PROJECT}/${first?.id}`;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('files', () => {
  it('--download refuses to overwrite without --replace', async () => {
    const path = await firstRunPath();
    const dir = await tempDir();
    const flags = ['--pattern', '*.json', '--download', dir, ...serverFlags(demoServer())];
    expect((await runCli(['files', path, ...flags])).code).toBe(0);
    const again = await runCli(['files', path, ...flags]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists: pass --replace to overwrite it/);
    const replaced = await runCli(['files', path, ...flags, '--replace']);
    expect(replaced.code).toBe(0);
    expect(replaced.stdout.trim().split('\n')).toEqual([join(dir, 'wandb-summary.json')]);
  });

  it('--format csv and jsonl list the same files with sizes in bytes', async () => {
    const path = await firstRunPath();
    const csv = await runCli(['files', path, '--format', 'csv', ...serverFlags(demoServer())]);
    const jsonl = await runCli(['files', path, '--format', 'jsonl', ...serverFlags(demoServer())]);
    const [header, ...records] = parseCsv(csv.stdout);
    expect(header).toEqual(['name', 'size', 'type', 'updated', 'md5']);
    const objects = jsonl.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { name: string; size: number });
    expect(records.map((record) => record[0])).toEqual(objects.map((file) => file.name));
    expect(records.map((record) => Number(record[1]))).toEqual(objects.map((file) => file.size));
  });
});

describe('runs --format csv', () => {
  it('flattens nested config at every level into dotted columns', async () => {
    const result = await runCli(['runs', PROJECT, '--format', 'csv', ...serverFlags(demoServer())]);
    const [header] = parseCsv(result.stdout);
    expect(header).toContain('config.optimizer.name');
    expect(header).not.toContain('config.optimizer');
  });
});
