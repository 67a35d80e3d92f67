import type { TypedDocumentString } from '@wbapi/gql';
import { DEFAULT_USER_AGENT } from '../version';
import { abortableSleep, type AttemptSignal } from './abort';
import { fetchFileWithRetry, type FetchFileOptions } from './fetch-file';
import { combineHooks, type Hooks } from './hooks';
import { operationInfo } from './document-info';
import type { PostText } from './post-text';
import {
  DEFAULT_RETRY,
  DEFAULT_TIMEOUT_MS,
  type CallOptions,
  type ClientOptions,
  type Clock,
  type RetryOptions,
} from './options';
import { secretForms } from '../errors/redaction';
import { readGraphQLResponse } from './read-graphql-response';
import { checkReplyShape } from './reply-shape';
import { basicAuth, mergeHeaders } from './request-headers';
import type { QueryCache } from './query-cache';
import { withRetry, type RetryContext } from './with-retry';
import type { CallKind } from './hooks';

/**
 * Sends typed GraphQL documents to `<baseUrl>/graphql` with W&B's headers, Basic auth, retries,
 * per-attempt timeouts, an in-memory cache and shared in-flight requests.
 *
 * - Queries are retried on network errors, timeouts and 408/429/5xx (never on
 *   400/401/403/404/409/410/413/422/501, nor on GraphQL errors in a 200); so are `upsertBucket`
 *   mutations (idempotent by id or name, and retried by every W&B client); other mutations only
 *   when asked.
 * - The timeout covers the wait for the response headers, then each gap between body reads.
 * - With a cache part (`cache: responseCache()`), query results are cached (LRU + TTL) and
 *   identical queries in flight share one request; a mutation empties the cache.
 * - An aborted call rejects with its signal's `reason` (a `DOMException` named `AbortError` unless
 *   the caller gave another reason); wbapi has no separate "aborted" error class.
 *
 * @example
 * ```ts
 * const client = new GraphQLClient({ baseUrl: 'https://api.wandb.ai', apiKey, fetch });
 * const { viewer } = await client.request(ViewerDocument, {});
 * ```
 */
export class GraphQLClient {
  // Set in the constructor, hence `declare`: bundles get no separate field definitions.
  /** Base URL without trailing slashes. */
  declare readonly baseUrl: string;
  declare private readonly options: ClientOptions;
  declare private readonly retry: RetryOptions;
  declare private readonly clock: Required<Clock>;
  declare private readonly hooks: Required<Hooks>;
  declare private readonly cache: QueryCache | null;
  /** The injected fetch, called without a receiver (browsers throw "Illegal invocation" otherwise). */
  declare private readonly fetchFn: typeof fetch;
  /** How GraphQL requests are POSTed: the platform's cheaper way when given, else the fetch. */
  declare private readonly postFn: PostText;

  constructor(options: ClientOptions) {
    this.options = options;
    const fetchImpl = options.fetch;
    this.fetchFn = (input, init) => fetchImpl(input, init);
    this.postFn = options.post ?? this.fetchFn;
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    const now = options.clock?.now ?? ((): number => Date.now());
    this.clock = {
      now,
      random: options.clock?.random ?? Math.random,
      sleep: options.clock?.sleep ?? abortableSleep,
    };
    this.hooks = combineHooks(options.hooks, options.logger);
    this.cache = options.cache ? options.cache(now) : null;
  }

  /**
   * Runs a typed document and resolves with its `data`.
   *
   * Queries may be served from the cache and are retried; mutations are never cached and empty
   * the cache; `upsertBucket` mutations are retried like queries, others only when `retry`
   * allows. With a cache, identical queries in flight share one fetch (the first caller's timeout
   * and retry settings apply).
   *
   * @throws GraphQLError, HttpError (and subclasses), NetworkError, TimeoutError, MalformedResponseError;
   *   the signal's reason when aborted.
   */
  async request<TResult, TVariables>(
    document: TypedDocumentString<TResult, TVariables>,
    variables: TVariables,
    options: CallOptions = {},
  ): Promise<TResult> {
    const { kind, name } = operationInfo(document);
    const call: Call = {
      document,
      variables,
      options,
      kind: kind === 'mutation' ? 'mutation' : 'query',
      name,
      idempotent: kind !== 'mutation' || IDEMPOTENT_MUTATION.test(document),
    };
    if (call.kind === 'mutation') {
      this.flush();
      try {
        return (await this.send(call, options.signal)) as TResult;
      } finally {
        this.flush();
      }
    }
    const cache = options.cache === false ? null : this.cache;
    if (!cache) return (await this.send(call, options.signal)) as TResult;
    const query = { document, variables, headers: options.headers };
    return (await cache.run(
      query,
      (signal, store) => this.send(call, signal, store),
      options.signal,
    )) as TResult;
  }

  /**
   * GETs a file URL, from `offset` on (`Range: bytes=<offset>-` when > 0), with the same retry
   * policy as queries. Basic auth and the client's headers are sent only when `url` is on
   * `baseUrl`'s origin (scheme, host and port); redirects are followed by hand and lose them when
   * they leave that origin (other origins get only `Range` and `User-Agent`).
   *
   * Resolves with the `Response` (200 or 206) whose body is not yet read. A 200 to a request
   * with `offset > 0` means the server ignored the range: see {@link describeFileResponse}.
   */
  fetchFile(url: string, options: CallOptions & FetchFileOptions = {}): Promise<Response> {
    return fetchFileWithRetry(url, options.offset ?? 0, {
      baseUrl: this.baseUrl,
      fetch: this.fetchFn,
      headers: this.apiHeaders({}, options.headers),
      userAgent: this.options.userAgent ?? DEFAULT_USER_AGENT,
      secrets: this.secrets(),
      context: this.context('file', 'fetchFile', true, options, options.signal),
      ...(options.end === undefined ? {} : { end: options.end }),
    });
  }

  /** Empties the cache; later identical queries go to the server. */
  flush(): void {
    this.cache?.flush();
  }

  private context(
    kind: CallKind,
    operationName: string,
    idempotent: boolean,
    options: CallOptions,
    signal: AbortSignal | undefined,
  ): RetryContext {
    const perCall = typeof options.retry === 'object' ? options.retry : {};
    const retry = { ...this.retry, ...perCall };
    const retryEnabled =
      options.retry === false ? false : options.retry === true || idempotent || retry.retryMutations;
    return {
      operationName,
      url: kind === 'file' ? '' : `${this.baseUrl}/graphql`,
      kind,
      hooks: this.hooks,
      clock: this.clock,
      signal,
      timeoutMs: options.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      retry,
      retryEnabled,
      secrets: this.secrets(),
    };
  }

  /** Strings that must never reach an error or event: the key and its header form. */
  private secrets(): string[] {
    return secretForms(this.options.apiKey);
  }

  private commonHeaders(): Record<string, string> {
    return {
      'User-Agent': this.options.userAgent ?? DEFAULT_USER_AGENT,
      'Use-Admin-Privileges': 'true',
      ...this.options.headers,
    };
  }

  /** Headers of an API request: W&B's, the client's, Basic auth, then the call's. */
  private apiHeaders(
    extra: Record<string, string>,
    call: Record<string, string> | undefined,
  ): Record<string, string> {
    const apiKey = this.options.apiKey;
    return mergeHeaders(
      this.commonHeaders(),
      extra,
      { Authorization: apiKey ? basicAuth(apiKey) : undefined },
      call,
    );
  }

  /** POSTs one GraphQL call with retries; `store` receives the data and reply size on success. */
  private async send(
    call: Call,
    signal: AbortSignal | undefined,
    store?: (value: unknown, size: number) => void,
  ): Promise<unknown> {
    const headers = this.apiHeaders({ 'Content-Type': 'application/json' }, call.options.headers);
    const body = JSON.stringify({ query: call.document, variables: call.variables ?? {} });
    const secrets = this.secrets();
    const context = this.context(call.kind, call.name, call.idempotent, call.options, signal);
    const restart = (attempt: AttemptSignal) => (): void => attempt.restartTimeout();
    return withRetry(context, async (attempt, attemptNumber) => {
      const started = this.clock.now();
      const init = {
        method: 'POST' as const,
        headers,
        body,
        signal: attempt.signal,
        onChunk: restart(attempt),
      };
      const response = await this.postFn(`${this.baseUrl}/graphql`, init);
      attempt.restartTimeout();
      try {
        const reply = await readGraphQLResponse(
          response,
          secrets,
          this.clock.now,
          restart(attempt),
          call.name || undefined,
        );
        checkReplyShape(call.document, reply.data, call.name);
        store?.(reply.data, reply.bodyChars);
        return reply.data;
      } finally {
        const { status } = response;
        const durationMs = this.clock.now() - started;
        this.hooks.response({
          operationName: call.name,
          kind: call.kind,
          attempt: attemptNumber,
          status,
          durationMs,
        });
      }
    });
  }
}

/** One GraphQL call as `send` needs it. */
interface Call {
  document: string;
  variables: unknown;
  options: CallOptions;
  kind: 'query' | 'mutation';
  name: string;
  /** Safe to send twice: a query, or an `upsertBucket` mutation. */
  idempotent: boolean;
}

/**
 * Mutations retried like queries: those whose first field is `upsertBucket`, which updates a run
 * by id (or creates it by name), so sending it twice changes nothing more; the Python client and
 * wandb-core retry it too (wandb/wandb `wandb/sdk/lib/retry.py` and `core/internal/clients/retry_policy.go`).
 */
const IDEMPOTENT_MUTATION = /^[^{]*\{\s*upsertBucket\b/;
