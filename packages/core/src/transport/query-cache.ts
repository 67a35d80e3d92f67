import { stableStringify } from '../json/stable-stringify';
import { InFlight } from './in-flight';
import { DEFAULT_CACHE, type CacheOptions } from './options';
import { ResponseCache } from './response-cache';

/** Sends a query; `store` keeps its data (and reply size) in the cache. */
export type SendQuery = (
  signal: AbortSignal | undefined,
  store: (value: unknown, size: number) => void,
) => Promise<unknown>;

/** A query as the cache tells queries apart. */
export interface CachedQuery {
  /** The GraphQL document. */
  document: string;
  /** Its variables. */
  variables: unknown;
  /** The call's extra headers. */
  headers: Record<string, string> | undefined;
}

/** What a `GraphQLClient` asks of its cache: answer, share or send a query; forget everything. */
export interface QueryCache {
  /**
   * The data of `query` from the cache, or from the identical query already in flight, or from
   * `send`. Queries are identical when their document, variables and extra headers are (key order
   * ignored).
   */
  run(query: CachedQuery, send: SendQuery, signal: AbortSignal | undefined): Promise<unknown>;
  /** Empties the cache and forgets queries in flight. */
  flush(): void;
}

/**
 * The response cache, an optional part of a session or client: `createSession({ cache:
 * responseCache() })`. A function from the client's clock to its own cache, so that each session
 * given the same part gets a cache of its own. `new Api()` adds one unless `cache: false`.
 */
export type CachePart = (now: () => number) => QueryCache;

/**
 * The response cache as a session part: identical queries within `ttlMs` are answered from
 * memory (LRU, bounded by entries and bytes; see {@link ResponseCache}), identical queries in
 * flight share one request, and any mutation empties it. Pass it as the `cache` option of
 * `createSession` (functions); `new Api()` uses one by default.
 *
 * @example
 * ```ts
 * const session = createSession({ baseUrl, apiKey, cache: responseCache({ ttlMs: 10_000 }) });
 * ```
 */
export function responseCache(options: Partial<CacheOptions> = {}): CachePart {
  return (now) => {
    const cache = new ResponseCache({ ...DEFAULT_CACHE, ...options }, now);
    const inFlight = new InFlight<unknown>();
    return {
      run({ document, variables, headers }, send, signal) {
        const key = `${document}\n${stableStringify(variables ?? null)}\n${stableStringify(headers ?? null)}`;
        const hit = cache.get(key);
        if (hit !== undefined) return Promise.resolve(hit);
        const generation = cache.generation;
        const store = (value: unknown, size: number): void => cache.set(key, value, size, generation);
        return inFlight.run(key, (shared) => send(shared, store), signal);
      },
      flush() {
        cache.flush();
        inFlight.clear();
      },
    };
  };
}
