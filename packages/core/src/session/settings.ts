import type { Platform, Settings } from '../platform';
import { appUrlFor } from './app-url';
import { checkBaseUrl } from '../validate';

/** The public W&B API. */
export const DEFAULT_BASE_URL = 'https://api.wandb.ai';

/**
 * Python-style overrides (`wandb.Api(overrides={...})`): snake_case and camelCase names are
 * both accepted. `username` is the deprecated spelling of `entity`.
 */
export interface ApiOverrides {
  /** API base URL. */
  baseUrl?: string;
  /** Python spelling of `baseUrl`. */
  base_url?: string;
  /** API key. */
  apiKey?: string;
  /** Python spelling of `apiKey`. */
  api_key?: string;
  /** Default entity. */
  entity?: string;
  /** Deprecated: used as the entity when `entity` is absent. */
  username?: string;
  /** Default project. */
  project?: string;
  /** UI base URL. */
  appUrl?: string;
  /** Python spelling of `appUrl`. */
  app_url?: string;
}

/** Settings after every source was applied. */
export interface ResolvedSettings {
  /** API base URL without trailing slashes. */
  baseUrl: string;
  /** API key, if any. */
  apiKey: string | undefined;
  /** Default entity from settings, if any. */
  entity: string | undefined;
  /** Default project from settings, if any. */
  project: string | undefined;
  /** UI base URL ending in `/`. */
  appUrl: string;
  /** Extra headers from the environment, if any. */
  headers: Record<string, string> | undefined;
  /** Per-attempt timeout from the environment, if any. */
  timeoutMs: number | undefined;
}

/** Settings from the overrides dict, camelCase winning over snake_case. */
export function settingsFromOverrides(overrides: ApiOverrides | undefined): Settings {
  const o = overrides ?? {};
  return {
    baseUrl: o.baseUrl ?? o.base_url,
    apiKey: o.apiKey ?? o.api_key,
    entity: o.entity ?? o.username,
    project: o.project,
    appUrl: o.appUrl ?? o.app_url,
  };
}

function firstOf(...values: Array<string | undefined>): string | undefined {
  return values.find((value) => value !== undefined && value !== '');
}

/** Drops trailing slashes: `https://x///` becomes `https://x`. */
export function stripTrailingSlashes(url: string): string {
  return url.replace(/\/+$/, '');
}

/**
 * Resolves settings in this order (first wins): explicit options, then overrides, then the
 * platform's environment (env vars, netrc), then defaults.
 */
export async function resolveSettings(
  explicit: Settings,
  overrides: ApiOverrides | undefined,
  platform: Platform,
): Promise<ResolvedSettings> {
  const given = settingsFromOverrides(overrides);
  const requestedBase = firstOf(explicit.baseUrl, given.baseUrl);
  const env: Settings = (await platform.settings?.(requestedBase)) ?? {};
  const baseUrl = stripTrailingSlashes(checkBaseUrl(firstOf(requestedBase, env.baseUrl) ?? DEFAULT_BASE_URL));
  return {
    baseUrl,
    apiKey: firstOf(explicit.apiKey, given.apiKey, env.apiKey),
    entity: firstOf(explicit.entity, given.entity, env.entity),
    project: firstOf(explicit.project, given.project, env.project),
    appUrl: appUrlFor(baseUrl, firstOf(explicit.appUrl, given.appUrl, env.appUrl)),
    headers: env.headers,
    timeoutMs: env.timeoutMs,
  };
}
