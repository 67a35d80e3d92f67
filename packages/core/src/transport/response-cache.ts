import type { CacheOptions } from './options';

interface Entry {
  value: unknown;
  expiresAt: number;
  size: number;
}

/**
 * In-memory LRU cache of GraphQL results with a time to live, bounded by entry count and by
 * the summed size of the reply texts.
 *
 * Unlike the Python client, which caches only `api.run`/`api.runs` objects until `flush()`, this
 * cache holds every query result (runs, projects, sweeps, history pages, ...) for `ttlMs`; any
 * mutation empties it. Cached values are shared between callers: treat results as read-only.
 */
export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  private epoch = 0;

  constructor(
    private readonly options: CacheOptions,
    private readonly now: () => number,
  ) {}

  /** Number of live entries (expired ones may still be counted until touched). */
  get size(): number {
    return this.entries.size;
  }

  /** Increases with every {@link ResponseCache.flush}; a result fetched across a flush is not stored. */
  get generation(): number {
    return this.epoch;
  }

  /** The cached value for `key`, or `undefined` when absent or expired. */
  get(key: string): unknown {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt <= this.now()) {
      this.bytes -= entry.size;
      return undefined;
    }
    this.entries.set(key, entry); // most recently used goes last
    return entry.value;
  }

  /**
   * Stores `value` of approximate `size` (reply length), unless the cache was flushed since
   * `generation` was read or the value alone is larger than `maxBytes`.
   */
  set(key: string, value: unknown, size: number, generation: number = this.epoch): void {
    if (generation !== this.epoch || size > this.options.maxBytes || this.options.maxEntries <= 0) return;
    this.remove(key);
    this.entries.set(key, { value, size, expiresAt: this.now() + this.options.ttlMs });
    this.bytes += size;
    for (const [oldest, entry] of this.entries) {
      if (this.entries.size <= this.options.maxEntries && this.bytes <= this.options.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= entry.size;
    }
  }

  /** Empties the cache. */
  flush(): void {
    this.entries.clear();
    this.bytes = 0;
    this.epoch++;
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.bytes -= entry.size;
    }
  }
}
