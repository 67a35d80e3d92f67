import type { GraphQLClient, CallOptions, Logger } from '../transport';
import type { Platform } from '../platform';
import type { ResolvedSettings } from './settings';

/** The part of the GraphQL client the functions use. */
export type ClientLike = Pick<GraphQLClient, 'request' | 'fetchFile' | 'flush'>;

/** Entity and project defaults after options, overrides and the environment. */
export interface DefaultPath {
  /** Default entity from settings (not the viewer's). */
  entity: string | undefined;
  /** Default project from settings. */
  project: string | undefined;
}

/**
 * What every function of wbapi takes first: the transport, the resolved settings and the
 * platform. Make one with {@link createSession}; `new Api()` makes one too (`api.context`).
 *
 * @typeParam P - The platform, whose download options and result `downloadFile` returns.
 */
export interface Session<P extends Platform = Platform> {
  /** The GraphQL client every request goes through (settings are resolved on first use). */
  readonly client: ClientLike;
  /** The platform (downloads, settings). */
  readonly platform: P;
  /** The web UI base URL, ending in `/`. */
  readonly appUrl: string;
  /** Where warnings go. */
  readonly logger: Logger | undefined;
  /** Settings after options, overrides, environment and defaults (resolved on first call). */
  settings(): Promise<ResolvedSettings>;
  /** Entity and project defaults from options, overrides and the environment. */
  defaults(): Promise<DefaultPath>;
  /** The viewer's default entity (asked once, cached when non-null). */
  defaultEntity(options?: CallOptions): Promise<string | null>;
  /** Keeps the viewer's entity once known (e.g. from a Viewer query), so `defaultEntity` asks no more. */
  rememberEntity?(entity: string | null): void;
}

/** Per-call options accepted by every function that makes a request (signal, timeout, retry, cache, headers). */
export type RequestOptions = CallOptions;
