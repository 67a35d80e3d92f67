import type { Hooks, Logger } from './hooks';
import type { PostText } from './post-text';
import type { CachePart } from './query-cache';

/** How failed calls are retried. */
export interface RetryOptions {
  /** Most retries after the first attempt. @defaultValue 20 */
  maxRetries: number;
  /** First backoff delay, in ms; doubles on every retry. @defaultValue 1_000 */
  baseDelayMs: number;
  /** Cap on one computed backoff delay, in ms. @defaultValue 30_000 */
  maxDelayMs: number;
  /**
   * Longest `Retry-After` wait honoured, in ms. A wait up to this is waited out even when it goes
   * past `budgetMs` (as the HEAD client does); a longer one ends the call at once with the error
   * (a `RateLimitError` for a 429) carrying `retryAfterMs`. @defaultValue 60_000
   */
  maxRetryAfterMs: number;
  /**
   * Time after the first attempt began during which retries may start; once it is spent the last
   * error is thrown (so a call lasts at most about the budget plus one attempt, as in Python).
   * Backoff waits are shortened to fit; `Retry-After` waits follow `maxRetryAfterMs` instead.
   * @defaultValue 20_000
   */
  budgetMs: number;
  /** Random extra on each delay, as a fraction of it (0.25 → up to +25 %). @defaultValue 0.25 */
  jitter: number;
  /**
   * Retry every mutation too (they may not be idempotent). `upsertBucket` mutations, idempotent
   * by id or name, are retried like queries whatever this says (as every W&B client does).
   * @defaultValue false
   */
  retryMutations: boolean;
}

/** Settings of the in-memory response cache. */
export interface CacheOptions {
  /** Most entries kept (least recently used go first). @defaultValue 1_000 */
  maxEntries: number;
  /** How long an entry stays valid, in ms. @defaultValue 60_000 */
  ttlMs: number;
  /** Most bytes of response text kept, summed over entries; larger replies are not cached. @defaultValue 16 MiB */
  maxBytes: number;
}

/** Time and randomness, injectable so that tests need no real waits. */
export interface Clock {
  /** Current time in ms. @defaultValue `Date.now` */
  now(): number;
  /** Random number in [0, 1) for jitter. @defaultValue `Math.random` */
  random(): number;
  /** Waits `ms`; must reject with the signal's reason when it aborts. @defaultValue a `setTimeout` sleep */
  sleep?(ms: number, signal: AbortSignal | undefined): Promise<void>;
}

/** Options of a {@link GraphQLClient}. */
export interface ClientOptions {
  /** API base URL without `/graphql`, e.g. `https://api.wandb.ai` (trailing `/` are dropped). */
  baseUrl: string;
  /** API key, sent as Basic auth `api:<key>`. */
  apiKey?: string | undefined;
  /** The fetch to use (inject one in tests, or a keep-alive one on Node). */
  fetch: typeof fetch;
  /** A cheaper way to POST GraphQL requests than `fetch` (a platform's); `fetch` when absent. */
  post?: PostText | undefined;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
  /**
   * Timeout of one attempt, in ms (`0` or `Infinity`: none), as in Python's client: the time
   * allowed until the response headers arrive, then the longest gap between two reads of the
   * body. A large reply that keeps streaming is never cut off. @defaultValue 19_000 (Node:
   * `WANDB_HTTP_TIMEOUT` seconds when set)
   */
  timeoutMs?: number;
  /** Retry settings; see {@link RetryOptions}. */
  retry?: Partial<RetryOptions>;
  /**
   * The response cache, an optional part: `responseCache(options)` (identical queries answered
   * from memory within a TTL, identical queries in flight shared). `new Api()` adds one by
   * default; `createSession` and the client have none unless given. @defaultValue none
   */
  cache?: CachePart | false;
  /** Callbacks for requests, responses, retries and errors. Silent by default. */
  hooks?: Hooks;
  /** A console-like logger; receives the same events as {@link Hooks}. */
  logger?: Logger;
  /**
   * `User-Agent` header. W&B's backend serves some first-party fields only to a User-Agent it
   * recognises as the public client, which the default starts like.
   * @defaultValue {@link DEFAULT_USER_AGENT} (`W&B Public Client <SDK version> (wbapi/<version>)`)
   */
  userAgent?: string;
  /** Time source for backoff and the cache (tests). */
  clock?: Partial<Clock>;
}

/** Per-call options, overriding the client's. */
export interface CallOptions {
  /** Aborts the call; it then rejects with the signal's `reason` (a `DOMException` named `AbortError` by default). */
  signal?: AbortSignal;
  /** Timeout of each attempt of this call, in ms (until headers, then between reads). */
  timeoutMs?: number;
  /** `false` disables retries, `true` enables them (mutations included), an object overrides settings. */
  retry?: Partial<RetryOptions> | boolean;
  /** `false` bypasses the cache for this call (neither read nor written). */
  cache?: boolean;
  /** Extra headers for this call. */
  headers?: Record<string, string>;
}

/** Retry defaults, after the Python client's retry policy. */
export const DEFAULT_RETRY: Readonly<RetryOptions> = /* @__PURE__ */ Object.freeze({
  maxRetries: 20,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 60_000,
  budgetMs: 20_000,
  jitter: 0.25,
  retryMutations: false,
});

/** Cache defaults. */
export const DEFAULT_CACHE: Readonly<CacheOptions> = /* @__PURE__ */ Object.freeze({
  maxEntries: 1_000,
  ttlMs: 60_000,
  maxBytes: 16 * 1024 * 1024,
});

/** Default timeout of one attempt until headers, and between body reads (the Python client's 19 s). */
export const DEFAULT_TIMEOUT_MS = 19_000;
