import { DefaultEntityDocument, type TypedDocumentString } from '@wbapi/gql';
import { AuthenticationError } from '../errors/authentication-error';
import { GraphQLClient, type CallOptions, type ClientOptions, type Logger } from '../transport';
import { operationInfo } from '../transport/document-info';
import type { Platform, Settings } from '../platform';
import { appUrlFor } from './app-url';
import type { ClientLike, DefaultPath, Session } from './session';
import {
  DEFAULT_BASE_URL,
  resolveSettings,
  stripTrailingSlashes,
  type ApiOverrides,
  type ResolvedSettings,
} from './settings';

/** Client options the Api passes through (everything but what settings resolve). */
export type PassThroughClientOptions = Omit<ClientOptions, 'baseUrl' | 'apiKey' | 'fetch'> & {
  fetch?: typeof fetch;
};

/**
 * Queries that may go out without an API key (they answer `viewer: null`), by operation name:
 * naming them, not importing their documents, keeps those out of bundles that never send them.
 */
const ANONYMOUS: ReadonlySet<string> = new Set(['DefaultEntity', 'Viewer']);

const NO_KEY =
  'No API key configured: pass apiKey, set WANDB_API_KEY, or add the host to your netrc (wandb login)';

/** Where a platform that reads no environment (a browser page) gets its key: only from the caller. */
const NO_KEY_GIVEN =
  'No API key configured: pass apiKey to new Api({ baseUrl, apiKey }) (this platform reads no environment variables or netrc)';

/**
 * The no-key error, naming where the platform looked when it can say; a platform without
 * environment settings (browsers) is not told about `WANDB_API_KEY` or netrc.
 */
function noKeyError(platform: Platform, baseUrl: string): AuthenticationError {
  if (!platform.settings && !platform.describeCredentialSources) return new AuthenticationError(NO_KEY_GIVEN);
  const sources = platform.describeCredentialSources?.(baseUrl) ?? '';
  return new AuthenticationError(sources ? `${NO_KEY}; looked in ${sources}` : NO_KEY);
}

/**
 * The {@link Session} that {@link createSession} makes: settings resolved on first use, one
 * GraphQL client, the default entity.
 */
export class ApiSession<P extends Platform = Platform> implements Session<P> {
  /** The platform (downloads, environment settings). */
  readonly platform: P;
  /** Where warnings go (the Api's `logger` option). */
  readonly logger: Logger | undefined;
  /** The client façade: resolves settings on first use and refuses keyless requests that need a key. */
  readonly client: ClientLike;
  private resolved: { settings: ResolvedSettings; client: GraphQLClient } | null = null;
  private pending: Promise<{ settings: ResolvedSettings; client: GraphQLClient }> | null = null;
  private cachedEntity: string | null = null;

  /** Prefer `createSession(options)` (or `new Api(options)`), which builds the session. */
  constructor(
    private readonly explicit: Settings,
    private readonly overrides: ApiOverrides | undefined,
    platform: P,
    private readonly clientOptions: PassThroughClientOptions,
  ) {
    this.platform = platform;
    this.logger = clientOptions.logger;
    const platformRef = platform;
    const ready = (): Promise<{ settings: ResolvedSettings; client: GraphQLClient }> => this.ready();
    this.client = {
      async request<TResult, TVariables>(
        document: TypedDocumentString<TResult, TVariables>,
        variables: TVariables,
        options?: CallOptions,
      ): Promise<TResult> {
        const { settings, client } = await ready();
        if (!settings.apiKey && !ANONYMOUS.has(operationInfo(document).name))
          throw noKeyError(platformRef, settings.baseUrl);
        return client.request(document, variables, options);
      },
      async fetchFile(url: string, options?: CallOptions & { offset?: number }): Promise<Response> {
        return (await ready()).client.fetchFile(url, options);
      },
      flush: (): void => this.resolved?.client.flush(),
    };
  }

  /** The UI base URL; before settings are resolved, from the explicit options alone. */
  get appUrl(): string {
    if (this.resolved) return this.resolved.settings.appUrl;
    const base =
      this.explicit.baseUrl ?? this.overrides?.baseUrl ?? this.overrides?.base_url ?? DEFAULT_BASE_URL;
    return appUrlFor(stripTrailingSlashes(base), this.explicit.appUrl);
  }

  /** Settings after options, overrides, environment and defaults. */
  async settings(): Promise<ResolvedSettings> {
    return (await this.ready()).settings;
  }

  /** Entity and project defaults from options, overrides and the environment. */
  async defaults(): Promise<DefaultPath> {
    const { entity, project } = await this.settings();
    return { entity, project };
  }

  /** The viewer's default entity: asked once, cached once non-null. */
  async defaultEntity(options: CallOptions = {}): Promise<string | null> {
    if (this.cachedEntity !== null) return this.cachedEntity;
    const result = await this.client.request(DefaultEntityDocument, {}, options);
    this.rememberEntity(result.viewer?.entity ?? null);
    return result.viewer?.entity ?? null;
  }

  /** Keeps the viewer's entity once known (it never changes for a key). */
  rememberEntity(entity: string | null): void {
    if (entity) this.cachedEntity = entity;
  }

  private ready(): Promise<{ settings: ResolvedSettings; client: GraphQLClient }> {
    if (this.resolved) return Promise.resolve(this.resolved);
    this.pending ??= resolveSettings(this.explicit, this.overrides, this.platform).then((settings) => {
      const fetchImpl = this.clientOptions.fetch ?? this.platform.fetch ?? globalThis.fetch.bind(globalThis);
      const client = new GraphQLClient({
        ...this.clientOptions,
        headers: { ...settings.headers, ...this.clientOptions.headers },
        timeoutMs: this.clientOptions.timeoutMs ?? settings.timeoutMs,
        baseUrl: settings.baseUrl,
        apiKey: settings.apiKey,
        fetch: fetchImpl,
        // The platform's own POST only when the caller did not choose a fetch.
        post: this.clientOptions.fetch ? undefined : this.platform.post,
      });
      this.resolved = { settings, client };
      return this.resolved;
    });
    // A failed resolution (e.g. unreadable netrc) is retried on the next call.
    this.pending.catch(() => {
      this.pending = null;
    });
    return this.pending;
  }
}
