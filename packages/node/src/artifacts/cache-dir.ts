import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

/** Where the cache and default download folders are looked up. */
export interface ArtifactDirsEnv {
  /** Environment variables. @defaultValue `process.env` */
  env?: Record<string, string | undefined>;
  /** OS, as `process.platform`. @defaultValue `process.platform` */
  platform?: NodeJS.Platform;
  /** Home folder. @defaultValue `os.homedir()` */
  homeDir?: string;
  /** Folder relative defaults are resolved against. @defaultValue `process.cwd()` */
  cwd?: string;
}

/**
 * The W&B cache folder the Python client uses (wandb/wandb `wandb/sdk/artifacts/artifact_file_cache.py`): `$WANDB_CACHE_DIR`, else the
 * user cache folder + `wandb` (`$XDG_CACHE_HOME` or `~/.cache` on Linux, `~/Library/Caches` on
 * macOS, `%LOCALAPPDATA%\wandb\wandb\Cache` on Windows).
 */
export function wandbCacheDir(options: ArtifactDirsEnv = {}): string {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  if (env.WANDB_CACHE_DIR) return resolve(cwd, env.WANDB_CACHE_DIR);
  const home = options.homeDir ?? homedir();
  const platform = options.platform ?? process.platform;
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'wandb');
  if (platform === 'win32') {
    const local = env.LOCALAPPDATA || join(home, 'AppData', 'Local');
    return join(local, 'wandb', 'wandb', 'Cache');
  }
  const xdg = env.XDG_CACHE_HOME;
  return join(xdg && isAbsolute(xdg) ? xdg : join(home, '.cache'), 'wandb');
}

/** The artifact cache: `<wandbCacheDir>/artifacts` (holding `obj/md5`, `obj/etag`, `tmp`). */
export function artifactCacheDir(options: ArtifactDirsEnv = {}): string {
  return join(wandbCacheDir(options), 'artifacts');
}

/**
 * The default download folder of a version, as Python picks it: `$WANDB_ARTIFACT_DIR` (else
 * `./artifacts`) made absolute, then the source name `<collection>:v<N>` (`:` becomes `-` on
 * Windows).
 */
export function defaultArtifactRoot(sourceName: string, options: ArtifactDirsEnv = {}): string {
  const env = options.env ?? process.env;
  const base = resolve(options.cwd ?? process.cwd(), env.WANDB_ARTIFACT_DIR || 'artifacts');
  const platform = options.platform ?? process.platform;
  return join(base, platform === 'win32' ? sourceName.replace(/[:<>"|?*]/g, '-') : sourceName);
}
