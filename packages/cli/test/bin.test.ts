import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DEMO_API_KEY } from '@wbapi/server';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers/files';
import { PROJECT, RUNS, serverFlags, useDemoServer } from './helpers/server';

const run = promisify(execFile);
const demoServer = useDemoServer();
/** The built executable (the test task builds first). */
const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

/** A POSIX shell word. */
const quote = (word: string): string => `'${word.replace(/'/g, `'\\''`)}'`;

describe('the wbapi executable', () => {
  it('draws a progress bar in a pseudo-terminal', async () => {
    const out = await tempDir();
    const command = [process.execPath, BIN, 'export', PROJECT, '--out', out, ...serverFlags(demoServer())]
      .map(quote)
      .join(' ');
    // util-linux `script` runs the command with a pseudo-terminal as its stdout and stderr.
    const { stdout } = await run('script', ['-qec', command, '/dev/null'], { timeout: 60_000 });
    expect(stdout).toContain('export [');
    expect(stdout).toContain('█');
    // The bar is redrawn in place: cursor back to column 1, then the new frame.
    const frames = stdout.split('\x1b[1G').slice(1);
    expect(frames.length).toBeGreaterThan(1);
    expect(frames[0]).toContain(`0/${RUNS} runs`);
    expect(stdout).toContain(`${RUNS}/${RUNS} runs`);
    expect(stdout).not.toMatch(/^runs \d+\/\d+,/m);
  });

  it('prints plain progress lines without a terminal, and credentials come from WANDB_*', async () => {
    const out = await tempDir();
    const env = { ...process.env, WANDB_BASE_URL: demoServer().url, WANDB_API_KEY: DEMO_API_KEY };
    const { stderr } = await run(process.execPath, [BIN, 'export', PROJECT, '--out', out], { env });
    const lines = stderr.trimEnd().split('\n');
    expect(lines[0]).toBe(`runs 0/${RUNS}, 0 rows, 0 B, 0 rows/s, ETA ?, concurrency 4`);
    expect(lines.filter((line) => /^runs \d+\/\d+, /.test(line))).toHaveLength(RUNS + 1);
    expect(lines[RUNS]).toMatch(
      new RegExp(
        `^runs ${RUNS}/${RUNS}, ${RUNS * 120} rows, [\\d.]+ kB, \\d+ rows/s, ETA 0s, concurrency 4$`,
      ),
    );
    expect(lines[RUNS + 1]).toMatch(new RegExp(`^exported ${RUNS} runs, ${RUNS * 120} rows, [\\d.]+ kB to `));
    expect(stderr).not.toContain('\r');
    expect(stderr).not.toContain('\x1b[');
    expect(stderr).not.toContain('█');
  });

  it('exits with 2 and a usage message for a missing --out', async () => {
    const failure = await run(process.execPath, [BIN, 'export', PROJECT]).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr).toMatch(/--out/);
  });
});
