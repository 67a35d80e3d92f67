import { serializeError } from './serialize-error';

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

  /** What `JSON.stringify` writes: name, message, properties and cause (see {@link serializeError}). */
  toJSON(): unknown {
    return serializeError(this);
  }

  /** What Node's `util.inspect` (and `console.log`) shows: the stack, then properties and cause, all redacted. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    const { name: _name, message: _message, ...rest } = serializeError(this) as Record<string, unknown>;
    return Object.keys(rest).length === 0
      ? String(this.stack)
      : `${String(this.stack)} ${JSON.stringify(rest)}`;
  }
}
