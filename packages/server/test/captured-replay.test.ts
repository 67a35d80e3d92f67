import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/index';
import { KEY, startTestServer } from './helpers';

// Captured requests of the official Python SDK live beside the clone: <repo>/../shared/protocol/captured.
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const captured = join(repoRoot, '..', 'shared', 'protocol', 'captured');
const available = existsSync(join(captured, 'replay.py')) && existsSync(join(captured, 'requests.jsonl'));
if (!available) console.warn(`Skipping the captured-request replay: ${captured} does not exist`);

describe.skipIf(!available)('requests captured from the official W&B Python SDK', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('are all accepted (replay.py: HTTP 200, no errors, data not null)', async () => {
    const output = await new Promise<string>((resolveRun) => {
      execFile(
        'python3',
        [
          join(captured, 'replay.py'),
          join(captured, 'requests.jsonl'),
          '--base-url',
          server.url,
          '--api-key',
          KEY,
          '--entity',
          'e',
          '--project',
          'p',
        ],
        { timeout: 60_000 },
        (_error, stdout, stderr) => resolveRun(`${stdout}${stderr}`),
      );
    });
    expect(output).toMatch(/\d+ passed, 0 failed/);
  });
});
