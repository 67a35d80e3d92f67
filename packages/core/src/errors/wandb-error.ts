/** Options shared by every wbapi error constructor. */
export interface WandbErrorOptions {
  /** The underlying error, when this one wraps another. */
  cause?: unknown;
}

/**
 * Base class of every error wbapi throws on purpose.
 *
 * Messages are short and never contain the API key, request variables or request bodies.
 *
 * @example
 * ```ts
 * try { await api.run('e/p/r'); } catch (e) { if (e instanceof WandbError) console.error(e.name, e.message); }
 * ```
 */
export class WandbError extends Error {
  constructor(message: string, options: WandbErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    // A literal, not `new.target.name`: minifiers rename classes. Each subclass sets its own.
    this.name = 'WandbError';
  }
}
