/**
 * The objects `api.run(path)` and `api.sweep(path)` returned, by path, like the Python `Api`
 * keeps them: the same path gives the same object until `api.flush()`. Bounded: beyond
 * `limit` paths the least recently used is forgotten (it is loaded again when asked for).
 */
export class ObjectCache<T> {
  private readonly entries = new Map<string, Promise<T>>();

  /** A cache of at most `limit` objects. @defaultValue 256 */
  constructor(private readonly limit = 256) {}

  /** The object for `key`, loaded with `load` unless cached; a failed load is not kept. */
  get(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const loading = load();
    this.entries.set(key, loading);
    loading.catch(() => {
      if (this.entries.get(key) === loading) this.entries.delete(key);
    });
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.limit) break;
      this.entries.delete(oldest);
    }
    return loading;
  }

  /** How many objects are kept. */
  get size(): number {
    return this.entries.size;
  }

  /** Forgets every object. */
  clear(): void {
    this.entries.clear();
  }
}
