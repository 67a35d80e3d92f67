import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEMO_API_KEY } from '../src/index';
import { gql } from './helpers';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.js');

describe.skipIf(!existsSync(cli))('wbapi-server CLI (built)', () => {
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
