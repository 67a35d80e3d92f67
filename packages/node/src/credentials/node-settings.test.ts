import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BadInputError } from '@wbapi/core';
import { readNodeSettings } from './node-settings';

const home = mkdtempSync(join(tmpdir(), 'wbapi-home-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));
writeFileSync(
  join(home, '.netrc'),
  'machine api.wandb.ai login user password cloudkey\nmachine 127.0.0.1:8080 login user password localkey\n',
);

describe('readNodeSettings', () => {
  it('reads WANDB_* variables and prefers WANDB_API_KEY over netrc', () => {
    const env = {
      WANDB_API_KEY: 'envkey',
      WANDB_BASE_URL: 'http://127.0.0.1:8080',
      WANDB_ENTITY: 'me',
      WANDB_PROJECT: 'proj',
      WANDB_APP_URL: 'http://127.0.0.1:3000',
    };
    expect(readNodeSettings(undefined, { env, homeDir: home })).toMatchObject({
      apiKey: 'envkey',
      baseUrl: 'http://127.0.0.1:8080',
      entity: 'me',
      project: 'proj',
      appUrl: 'http://127.0.0.1:3000',
    });
  });

  it('reads WANDB_USERNAME, WANDB_USER_EMAIL and WANDB_HTTP_TIMEOUT (seconds); a bad timeout is a BadInputError', () => {
    const env = {
      WANDB_USERNAME: 'svc-user',
      WANDB_USER_EMAIL: 'svc@example.com',
      WANDB_HTTP_TIMEOUT: '2.5',
    };
    expect(readNodeSettings(undefined, { env, homeDir: home })).toMatchObject({
      headers: { 'X-WANDB-USERNAME': 'svc-user', 'X-WANDB-USER-EMAIL': 'svc@example.com' },
      timeoutMs: 2500,
    });
    const plain = readNodeSettings(undefined, { env: {}, homeDir: home });
    expect(plain.headers ?? plain.timeoutMs).toBeUndefined();
    expect(() => readNodeSettings(undefined, { env: { WANDB_HTTP_TIMEOUT: 'soon' }, homeDir: home })).toThrow(
      BadInputError,
    );
  });

  it('takes the key from netrc for the explicit base URL, else WANDB_BASE_URL, else the cloud', () => {
    const env = { WANDB_BASE_URL: 'http://127.0.0.1:8080' };
    expect(readNodeSettings(undefined, { env, homeDir: home }).apiKey).toBe('localkey');
    expect(readNodeSettings('https://api.wandb.ai/', { env, homeDir: home }).apiKey).toBe('cloudkey');
    expect(readNodeSettings(undefined, { env: {}, homeDir: home }).apiKey).toBe('cloudkey');
  });

  it('uses $NETRC instead of the home files, and ignores empty variables', () => {
    const other = join(home, 'custom-netrc');
    writeFileSync(other, 'default password fromcustom');
    const settings = readNodeSettings(undefined, {
      env: { NETRC: other, WANDB_API_KEY: ' ' },
      homeDir: home,
    });
    expect(settings.apiKey).toBe('fromcustom');
  });

  it('falls back to ~/_netrc and says where it looked when there is no key', () => {
    const empty = mkdtempSync(join(tmpdir(), 'wbapi-home-'));
    try {
      const none = readNodeSettings('http://localhost:7000', { env: {}, homeDir: empty });
      expect(none.apiKey).toBeUndefined();
      expect(none.credentialSources).toContain('WANDB_API_KEY');
      expect(none.credentialSources).toContain('localhost:7000');
      expect(none.credentialSources).toContain(join(empty, '.netrc'));
      expect(none.credentialSources).toContain(join(empty, '_netrc'));
      writeFileSync(join(empty, '_netrc'), 'machine localhost password win');
      expect(readNodeSettings('http://localhost:7000', { env: {}, homeDir: empty }).apiKey).toBe('win');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
