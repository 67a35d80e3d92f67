import { homedir } from 'node:os';
import { BadInputError } from '@wbapi/core';
import { netrcPaths, readNetrcEntry } from './netrc-files';

/** The W&B cloud API, used when neither an option nor `WANDB_BASE_URL` names a server. */
export const DEFAULT_BASE_URL = 'https://api.wandb.ai';

/** Settings found in the environment, plus a note of where the API key was looked for. */
export interface NodeSettings {
  /** `WANDB_BASE_URL`, when set. */
  baseUrl?: string;
  /** `WANDB_API_KEY`, else the netrc password for the API host. */
  apiKey?: string;
  /** `WANDB_ENTITY`. */
  entity?: string;
  /** `WANDB_PROJECT`. */
  project?: string;
  /** `WANDB_APP_URL`. */
  appUrl?: string;
  /**
   * `X-WANDB-USERNAME` / `X-WANDB-USER-EMAIL` from `WANDB_USERNAME` / `WANDB_USER_EMAIL` (service
   * accounts act for that user, as with wandb-core); absent when neither is set.
   */
  headers?: Record<string, string>;
  /** `WANDB_HTTP_TIMEOUT`, converted from seconds to ms. */
  timeoutMs?: number;
  /** Human-readable list of the places searched for an API key (for "no API key" errors). */
  credentialSources: string;
}

/** Where {@link readNodeSettings} reads from; tests pass their own. */
export interface SettingsSources {
  /** Environment variables. @defaultValue `process.env` */
  env?: Readonly<Record<string, string | undefined>>;
  /** Home folder for `~/.netrc`. @defaultValue `os.homedir()` */
  homeDir?: string;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** `WANDB_HTTP_TIMEOUT` (seconds, as in the Python client) in ms; anything but a positive number is a BadInputError. */
function httpTimeoutMs(value: string): number {
  const seconds = Number(value.trim());
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new BadInputError(
      `WANDB_HTTP_TIMEOUT must be a positive number of seconds, got ${JSON.stringify(value)}`,
    );
  }
  return Math.round(seconds * 1000);
}

/**
 * Settings from `WANDB_API_KEY`, `WANDB_BASE_URL`, `WANDB_ENTITY`, `WANDB_PROJECT`,
 * `WANDB_APP_URL`, `WANDB_USERNAME`, `WANDB_USER_EMAIL`, `WANDB_HTTP_TIMEOUT` and netrc. The netrc entry is looked up for `baseUrl` (the explicit option),
 * else `WANDB_BASE_URL`, else the W&B cloud. Explicit options are applied by the Api on top.
 */
export function readNodeSettings(baseUrl: string | undefined, sources: SettingsSources = {}): NodeSettings {
  const env = sources.env ?? process.env;
  const envBaseUrl = nonEmpty(env['WANDB_BASE_URL']);
  const apiUrl = (baseUrl ?? envBaseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  const paths = netrcPaths(env, sources.homeDir ?? homedir());
  const host = new URL(apiUrl).host;
  const settings: NodeSettings = {
    credentialSources: `the WANDB_API_KEY environment variable, then a netrc entry for machine ${host} (or its hostname, or default) in ${paths.join(' or ')}`,
  };
  const apiKey = nonEmpty(env['WANDB_API_KEY']) ?? nonEmpty(readNetrcEntry(paths, apiUrl)?.password);
  if (apiKey !== undefined) settings.apiKey = apiKey;
  if (envBaseUrl !== undefined) settings.baseUrl = envBaseUrl;
  const entity = nonEmpty(env['WANDB_ENTITY']);
  if (entity !== undefined) settings.entity = entity;
  const project = nonEmpty(env['WANDB_PROJECT']);
  if (project !== undefined) settings.project = project;
  const appUrl = nonEmpty(env['WANDB_APP_URL']);
  if (appUrl !== undefined) settings.appUrl = appUrl;
  const username = nonEmpty(env['WANDB_USERNAME']);
  const userEmail = nonEmpty(env['WANDB_USER_EMAIL']);
  if (username !== undefined || userEmail !== undefined) {
    settings.headers = {
      ...(username !== undefined ? { 'X-WANDB-USERNAME': username } : {}),
      ...(userEmail !== undefined ? { 'X-WANDB-USER-EMAIL': userEmail } : {}),
    };
  }
  const timeout = nonEmpty(env['WANDB_HTTP_TIMEOUT']);
  if (timeout !== undefined) settings.timeoutMs = httpTimeoutMs(timeout);
  return settings;
}
