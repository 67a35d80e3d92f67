import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_API_KEY } from '../src/index';
import { gql } from './helpers';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.js');

/** Starts the built CLI and resolves with its base URL once it prints it. */
function startCli(args: string[]): { child: ReturnType<typeof spawn>; ready: Promise<string> } {
  const child = spawn(process.execPath, [cli, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const ready = new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('WANDB_API_KEY=')) resolve(text);
    });
    child.on('exit', (code) => reject(new Error(`CLI exited with ${code}`)));
  });
  return { child, ready };
}

describe('wbapi-server CLI (built)', () => {
  beforeAll(() => {
    // turbo builds the package before its tests; run on its own, the test says what is missing.
    if (!existsSync(cli))
      throw new Error(`${cli} is missing: build first (pnpm turbo run build --filter=@wbapi/server)`);
  });

  it('exports the history of a run that finishes, after --export-delay', async () => {
    const { child, ready } = startCli(['--demo', '--export-delay', '0']);
    try {
      const url = /WANDB_BASE_URL=(\S+)/.exec(await ready)?.[1] as string;
      const ask = (field: string) =>
        gql(
          { url },
          `{ project(name: "mnist", entityName: "demo") { runs(filters: "{\\"state\\": \\"running\\"}", first: 1) { edges { node { id name ${field} } } } } }`,
          {},
          { key: DEMO_API_KEY },
        );
      const running = (await ask('state')).body.data.project.runs.edges[0].node as {
        id: string;
        name: string;
      };
      const urls = async () => {
        const res = await gql(
          { url },
          `{ project(name: "mnist", entityName: "demo") { run(name: "${running.name}") { parquetHistory(liveKeys: ["_step"]) { parquetUrls } } } }`,
          {},
          { key: DEMO_API_KEY },
        );
        return res.body.data.project.run.parquetHistory.parquetUrls as string[];
      };
      expect(await urls()).toEqual([]);
      await gql(
        { url },
        `mutation { upsertBucket(input: { id: "${running.id}", state: "finished" }) { bucket { id } } }`,
        {},
        { key: DEMO_API_KEY },
      );
      await vi.waitFor(async () => expect(await urls()).toHaveLength(1));
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('prints the base URL and API key, then serves the demo data', async () => {
    const child = spawn(process.execPath, [cli, '--port', '0', '--demo'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const output = await new Promise<string>((resolve, reject) => {
        let text = '';
        child.stdout.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          if (text.includes('Try:')) resolve(text);
        });
        child.on('exit', (code) => reject(new Error(`CLI exited with ${code}`)));
      });
      const url = /WANDB_BASE_URL=(\S+)/.exec(output)?.[1] as string;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(output).toContain(`WANDB_API_KEY=${DEMO_API_KEY}`);
      // The demo data set is described where the user meets it.
      expect(output).toContain('projects  demo/mnist (10 runs)');
      expect(output).toMatch(/sweeps {4}demo\/mnist\/\w+ \(\d+ runs\)/);
      const res = await gql({ url }, '{ viewer { username } }', {}, { key: DEMO_API_KEY });
      expect(res.body.data.viewer.username).toBe('demo');
    } finally {
      child.kill('SIGTERM');
    }
  });
});
