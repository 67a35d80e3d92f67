import type { GraphQLClient, CallOptions, Logger } from '../transport';
import type { Platform } from '../platform';

/** The part of the GraphQL client domain objects use. */
export type ClientLike = Pick<GraphQLClient, 'request' | 'fetchFile' | 'flush'>;

/** Entity and project defaults after options, overrides and the environment. */
export interface DefaultPath {
  /** Default entity from settings (not the viewer's). */
  entity: string | undefined;
  /** Default project from settings. */
  project: string | undefined;
}

/**
 * What domain objects (runs, files, sweeps, reports) need from the `Api` that made them.
 * Internal plumbing, exported so that platform packages can build objects too.
 */
export interface ApiContext<P extends Platform = Platform> {
  /** The GraphQL client every request goes through (settings are resolved on first use). */
  readonly client: ClientLike;
  /** The platform (downloads, settings). */
  readonly platform: P;
  /** The web UI base URL, ending in `/`. */
  readonly appUrl: string;
  /** Where warnings go. */
  readonly logger: Logger | undefined;
  /** Entity and project defaults from options, overrides and the environment. */
  defaults(): Promise<DefaultPath>;
  /** The viewer's default entity (asked once, cached when non-null). */
  defaultEntity(options?: CallOptions): Promise<string | null>;
}

/** Per-call options accepted by every method that makes a request (signal, timeout, retry, cache, headers). */
export type RequestOptions = CallOptions;
