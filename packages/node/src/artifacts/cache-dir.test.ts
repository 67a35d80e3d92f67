import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { artifactCacheDir, defaultArtifactRoot, wandbCacheDir } from './cache-dir';

describe('cache folders as the Python client picks them (wandb/wandb `wandb/sdk/artifacts/artifact_file_cache.py`)', () => {
  const home = '/home/ada';

  it('uses WANDB_CACHE_DIR first, resolved against cwd', () => {
    expect(wandbCacheDir({ env: { WANDB_CACHE_DIR: 'c' }, cwd: '/work', homeDir: home })).toBe(
      join('/work', 'c'),
    );
    expect(artifactCacheDir({ env: { WANDB_CACHE_DIR: '/tmp/c' }, homeDir: home })).toBe(
      join('/tmp/c', 'artifacts'),
    );
  });

  it('else the user cache folder of each OS, plus wandb', () => {
    expect(wandbCacheDir({ env: {}, platform: 'linux', homeDir: home })).toBe(join(home, '.cache', 'wandb'));
    expect(wandbCacheDir({ env: { XDG_CACHE_HOME: '/xdg' }, platform: 'linux', homeDir: home })).toBe(
      join('/xdg', 'wandb'),
    );
    expect(wandbCacheDir({ env: { XDG_CACHE_HOME: 'relative' }, platform: 'linux', homeDir: home })).toBe(
      join(home, '.cache', 'wandb'),
    );
    expect(wandbCacheDir({ env: {}, platform: 'darwin', homeDir: home })).toBe(
      join(home, 'Library', 'Caches', 'wandb'),
    );
    expect(wandbCacheDir({ env: { LOCALAPPDATA: '/L' }, platform: 'win32', homeDir: home })).toBe(
      join('/L', 'wandb', 'wandb', 'Cache'),
    );
  });

  it('puts a version under WANDB_ARTIFACT_DIR or ./artifacts by its source name', () => {
    expect(defaultArtifactRoot('ds:v2', { env: {}, cwd: '/w', platform: 'linux' })).toBe(
      join('/w', 'artifacts', 'ds:v2'),
    );
    expect(defaultArtifactRoot('ds:v2', { env: { WANDB_ARTIFACT_DIR: '/a' }, cwd: '/w' })).toBe(
      join('/a', 'ds:v2'),
    );
  });
});
