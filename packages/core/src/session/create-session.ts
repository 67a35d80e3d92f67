import type { ClientOptions } from '../transport';
import type { Platform } from '../platform';
import { ApiSession } from './api-session';
import { webPlatform } from './default-platform';
import type { Session } from './session';
import type { ApiOverrides } from './settings';

/**
 * Options of {@link createSession} (and of `new Api()`). Explicit options win over `overrides`,
 * which win over the environment. The transport options (`headers`, `timeoutMs`, `retry`,
 * `cache`, `hooks`, `logger`, `userAgent`, `clock`) are those of the GraphQL client.
 */
export interface SessionOptions<P extends Platform = Platform> extends Omit<
  ClientOptions,
  'baseUrl' | 'apiKey' | 'fetch'
> {
  /** API base URL. @defaultValue env `WANDB_BASE_URL`, else `https://api.wandb.ai` */
  baseUrl?: string;
  /** API key. @defaultValue env `WANDB_API_KEY`, else netrc (Node) */
  apiKey?: string;
  /** Default entity. @defaultValue env `WANDB_ENTITY`, else the viewer's default entity */
  entity?: string;
  /** Default project. @defaultValue env `WANDB_PROJECT` */
  project?: string;
  /** Web UI base URL for `.url` properties. @defaultValue derived from `baseUrl` */
  appUrl?: string;
  /** Python-style settings dict (`base_url`, `entity`, `project`, ...). */
  overrides?: ApiOverrides;
  /** The fetch to use. @defaultValue the platform's, else `globalThis.fetch` */
  fetch?: typeof fetch;
  /** The runtime adapter: downloads and environment settings. @defaultValue a fetch-only platform */
  platform?: P;
}

/**
 * A {@link Session} for the functions (`listRuns`, `getRun`, `scanHistory`, ...). No request is
 * made until a function needs one; settings are resolved then.
 *
 * @example
 * ```ts
 * const session = createSession({ baseUrl: 'http://127.0.0.1:8080', apiKey });
 * for await (const run of listRuns(session, { entity: 'acme', project: 'mnist' })) console.log(run.id);
 * ```
 */
export function createSession<P extends Platform = Platform>(options: SessionOptions<P> = {}): Session<P> {
  const { baseUrl, apiKey, entity, project, appUrl, overrides, platform, ...client } = options;
  const chosen = platform ?? (webPlatform as unknown as P);
  return new ApiSession<P>({ baseUrl, apiKey, entity, project, appUrl }, overrides, chosen, client);
}
