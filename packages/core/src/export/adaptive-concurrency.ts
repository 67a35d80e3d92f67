import { RateLimitError } from '../errors';
import type { Hooks, RetryEvent } from '../transport';

/** Settings of an {@link AdaptiveConcurrency}. */
export interface AdaptiveConcurrencyOptions {
  /** Most tasks at once, and the starting limit. @defaultValue 4 */
  max?: number;
  /** Successes in a row after which the limit rises by one (up to `max`). @defaultValue 8 */
  increaseAfter?: number;
  /** Shortest time between two halvings, so one burst of 429s halves only once, in ms. @defaultValue 1_000 */
  cooldownMs?: number;
  /** Time source (tests). @defaultValue `Date.now` */
  now?: () => number;
}

/** The controller's state after a change (for progress displays and logs). */
export interface ConcurrencyState {
  /** Tasks allowed at once now. */
  limit: number;
  /** The configured maximum. */
  max: number;
  /** Epoch ms before which no new task should start (a `Retry-After` being honoured), or 0. */
  pausedUntil: number;
}

/**
 * Additive-increase, multiplicative-decrease concurrency for bulk reads.
 *
 * Starts at `max`. A rate limit (a 429 seen by the client's `retry` hook, or a `RateLimitError`
 * the client gave up on) halves the limit (never below 1, at most once per cooldown) and holds
 * new work back for the `Retry-After` wait; every `increaseAfter` successes raise it by one again.
 *
 * Pass {@link AdaptiveConcurrency.hooks} to the Api (`new Api({ hooks: limiter.hooks })`) so that
 * the limit drops at the first 429 instead of only when the client's retries run out.
 */
export class AdaptiveConcurrency {
  /** The configured maximum. */
  readonly max: number;
  private current: number;
  private successes = 0;
  private pauseEnd = 0;
  private lastDecrease = Number.NEGATIVE_INFINITY;
  private readonly increaseAfter: number;
  private readonly cooldownMs: number;
  private readonly now: () => number;

  /** Throws RangeError for a `max` or `increaseAfter` that is not a positive integer. */
  constructor(options: AdaptiveConcurrencyOptions = {}) {
    const { max = 4, increaseAfter = 8, cooldownMs = 1_000, now = Date.now } = options;
    if (!Number.isInteger(max) || max < 1)
      throw new RangeError(`concurrency must be a positive integer, got ${max}`);
    if (!Number.isInteger(increaseAfter) || increaseAfter < 1) {
      throw new RangeError(`increaseAfter must be a positive integer, got ${increaseAfter}`);
    }
    this.max = max;
    this.current = max;
    this.increaseAfter = increaseAfter;
    this.cooldownMs = cooldownMs;
    this.now = now;
  }

  /** Tasks allowed at once now. */
  get limit(): number {
    return this.current;
  }

  /** The current limit, maximum and pause. */
  get state(): ConcurrencyState {
    return { limit: this.current, max: this.max, pausedUntil: this.pauseEnd };
  }

  /** Milliseconds left of the current `Retry-After` pause (0 when none). */
  pauseRemainingMs(): number {
    return Math.max(0, this.pauseEnd - this.now());
  }

  /** Records a finished task; the limit rises by one after `increaseAfter` of them in a row. */
  succeeded(): void {
    this.successes += 1;
    if (this.successes >= this.increaseAfter && this.current < this.max) {
      this.current += 1;
      this.successes = 0;
    }
  }

  /** Records a rate limit: halves the limit (once per cooldown) and pauses new work for `retryAfterMs`. */
  rateLimited(retryAfterMs: number | null | undefined): void {
    const now = this.now();
    const wait = Math.max(0, retryAfterMs ?? 0);
    this.pauseEnd = Math.max(this.pauseEnd, now + wait);
    this.successes = 0;
    if (now - this.lastDecrease < Math.max(this.cooldownMs, wait)) return;
    this.lastDecrease = now;
    this.current = Math.max(1, Math.floor(this.current / 2));
  }

  /** Client hooks that report 429 retries to this controller (combine them with your own). */
  readonly hooks: Hooks = {
    retry: (event: RetryEvent): void => {
      if (event.error instanceof RateLimitError) this.rateLimited(event.error.retryAfterMs ?? event.delayMs);
    },
  };
}
