import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Api, parseWandbJson, type HistoryRow } from '@wbapi/node';
import { DEMO_API_KEY, type RunningServer } from '@wbapi/server';
import { describe, expect, it } from 'vitest';
import { folderContents, tempDir } from './helpers/files';
import { abortAfterRuns, FAST_RETRIES, runCli } from './helpers/run-cli';
import { PROJECT, RUNS, serverFlags, useDemoServer } from './helpers/server';

const demoServer = useDemoServer();
const MANIFEST = '.wbapi-export.json';

function exportArgs(server: RunningServer, out: string, ...more: string[]): string[] {
  return ['export', PROJECT, '--out', out, '--full', ...serverFlags(server), ...more];
}

const jsonl = (text: string): unknown[] =>
  text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => parseWandbJson(line));

describe('wbapi export to a folder', () => {
  it('writes each run’s config, summary and full history as read run by run', async () => {
    const server = demoServer();
    const out = await tempDir();
    const result = await runCli(exportArgs(server, out));
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`exported ${RUNS} runs, ${RUNS * 120} rows`);
    const files = await folderContents(out);
    const api = new Api({ baseUrl: server.url, apiKey: DEMO_API_KEY, cache: false });
    let runs = 0;
    for await (const run of api.runs(PROJECT)) {
      runs += 1;
      const history: HistoryRow[] = [];
      for await (const row of run.scanHistory()) history.push(row);
      expect(jsonl(files[`${run.id}.jsonl`] ?? '')).toEqual(history);
      expect(parseWandbJson(files[`${run.id}.run.json`] ?? '')).toMatchObject({
        id: run.id,
        entity: 'demo',
        project: 'mnist',
        config: run.config,
        summary: run.summary,
      });
    }
    expect(runs).toBe(RUNS);
    const manifest = JSON.parse(files[MANIFEST] ?? '{}') as {
      complete: boolean;
      runs: Record<string, { rows: number }>;
    };
    expect(manifest.complete).toBe(true);
    expect(Object.values(manifest.runs).map((run) => run.rows)).toEqual(Array(RUNS).fill(120));
  });

  it('an aborted export, resumed, gives the same files as an uninterrupted one', async () => {
    const server = demoServer();
    const whole = await tempDir();
    expect((await runCli(exportArgs(server, whole, '--concurrency', '2'))).code).toBe(0);
    const out = await tempDir();
    const first = await runCli(exportArgs(server, out, '--concurrency', '2'), abortAfterRuns(3));
    expect(first.code).toBe(130);
    expect(first.stderr).toContain('--resume');
    const partial = JSON.parse(await readFile(join(out, MANIFEST), 'utf8')) as {
      runs: object;
      complete: boolean;
    };
    expect(Object.keys(partial.runs).length).toBeGreaterThanOrEqual(3);
    expect(Object.keys(partial.runs).length).toBeLessThan(RUNS);
    expect(partial.complete).toBe(false);
    const again = await runCli(exportArgs(server, out, '--concurrency', '2'));
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/--resume/);
    // A process killed in the middle of writing a run leaves its temporary file behind.
    await appendFile(join(out, 'zz.jsonl.tmp-4242'), '{"_step":0');
    const resumed = await runCli(exportArgs(server, out, '--concurrency', '2', '--resume'));
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toMatch(/were already done/);
    expect(await folderContents(out)).toEqual(await folderContents(whole));
  });

  it('an export cut short by a failing server, resumed, gives the same files', async () => {
    const server = demoServer();
    const whole = await tempDir();
    expect((await runCli(exportArgs(server, whole))).code).toBe(0);
    const out = await tempDir();
    const failing = await runCli(exportArgs(server, out, '--concurrency', '1'), {
      ...FAST_RETRIES,
      onStderr: (text) => {
        if (/runs 4\//.test(text)) server.faults.update({ errorRate: 1 });
      },
    });
    expect(failing.code).toBe(5);
    expect(failing.stderr).toMatch(/wbapi: .*(500|502|503)/);
    server.faults.clear();
    const resumed = await runCli(exportArgs(server, out, '--resume'));
    expect(resumed.code).toBe(0);
    expect(await folderContents(out)).toEqual(await folderContents(whole));
  });

  it('429 bursts slow the export down instead of failing it', async () => {
    const server = demoServer();
    const whole = await tempDir();
    expect((await runCli(exportArgs(server, whole))).code).toBe(0);
    const out = await tempDir();
    server.faults.update({ rateLimitRate: 0.3, retryAfterSeconds: 0.05, seed: 3 });
    const result = await runCli(exportArgs(server, out, '--concurrency', '4'));
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/concurrency [123]\n/);
    expect(await folderContents(out)).toEqual(await folderContents(whole));
  });
});

describe('wbapi export to one file', () => {
  it('a combined JSONL, aborted with a torn tail and resumed, equals an uninterrupted one', async () => {
    const server = demoServer();
    const dir = await tempDir();
    const whole = join(dir, 'whole.jsonl');
    expect((await runCli(exportArgs(server, whole))).code).toBe(0);
    const lines = jsonl(await readFile(whole, 'utf8')) as Array<{ id: string; history: unknown[] }>;
    expect(lines).toHaveLength(RUNS);
    expect(lines.every((line) => line.history.length === 120)).toBe(true);

    const out = join(dir, 'part.jsonl');
    expect((await runCli(exportArgs(server, out), abortAfterRuns(2))).code).toBe(130);
    // A crash in the middle of a write leaves half a line behind.
    await appendFile(out, '{"id":"torn","hist');
    expect((await runCli(exportArgs(server, out, '--resume'))).code).toBe(0);
    expect(await readFile(out, 'utf8')).toBe(await readFile(whole, 'utf8'));
  });

  it('a combined CSV has run_id, _step and the --keys as columns', async () => {
    const server = demoServer();
    const out = join(await tempDir(), 'loss.csv');
    const result = await runCli(exportArgs(server, out, '--keys', 'loss,acc'));
    expect(result.code).toBe(0);
    const lines = (await readFile(out, 'utf8')).split('\r\n').filter((line) => line !== '');
    expect(lines[0]).toBe('run_id,_step,loss,acc');
    expect(lines).toHaveLength(1 + RUNS * 120);
  });

  it('refuses a combined CSV without --keys, with exit code 2', async () => {
    const server = demoServer();
    const result = await runCli(exportArgs(server, join(await tempDir(), 'all.csv')));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/needs --keys/);
  });
});
