import { TimeoutError } from '../errors/timeout-error';
import { WandbError } from '../errors/wandb-error';
import { abortReason, attemptSignal, type AttemptSignal } from './abort';
import { backoffDelay } from './backoff';
import type { CallKind, Hooks } from './hooks';
import type { Clock, RetryOptions } from './options';
import { networkFailure } from './network-failure';
import { isRetryableError, retriesAllowed } from './retry-policy';

/** Everything the retry loop needs to know about one call. */
export interface RetryContext {
  /** Operation name for events and messages. */
  operationName: string;
  /** The URL the call goes to, for messages (query and credentials are dropped). */
  url?: string;
  /** Kind of call, for events. */
  kind: CallKind;
  /** Event sinks. */
  hooks: Required<Hooks>;
  /** Time source. */
  clock: Required<Clock>;
  /** The caller's signal. */
  signal: AbortSignal | undefined;
  /** Timeout per attempt, in ms. */
  timeoutMs: number;
  /** Retry settings. */
  retry: RetryOptions;
  /** Whether failed attempts may be retried at all. */
  retryEnabled: boolean;
  /**
   * Keep the attempt signal linked to the caller's signal after success (its timer is stopped):
   * needed when the result is a body still being streamed.
   */
  keepSignalLinked?: boolean;
}

/** Turns what an attempt threw into the error the caller should see. */
function normalise(error: unknown, context: RetryContext, attempt: AttemptSignal): unknown {
  if (context.signal?.aborted) return abortReason(context.signal);
  if (attempt.timedOut()) {
    return new TimeoutError(`${context.operationName || 'Request'} timed out after ${context.timeoutMs} ms`, {
      timeoutMs: context.timeoutMs,
    });
  }
  if (error instanceof WandbError) return error;
  return networkFailure(error, context.operationName, context.url);
}

/**
 * Runs `attempt` until it succeeds, retrying retryable failures with capped exponential backoff
 * and jitter (or the server's `Retry-After`), within the total budget.
 *
 * An abort of the caller's signal, even during a backoff wait, rejects at once with the signal's
 * reason. A timed-out attempt becomes a {@link TimeoutError}; any non-wbapi error (a fetch
 * `TypeError`, a reset while reading) becomes a {@link NetworkError}.
 */
export async function withRetry<T>(
  context: RetryContext,
  attempt: (signal: AttemptSignal, attemptNumber: number) => Promise<T>,
): Promise<T> {
  const { clock, hooks, operationName, kind } = context;
  const started = clock.now();
  for (let attemptNumber = 1; ; attemptNumber++) {
    if (context.signal?.aborted) throw abortReason(context.signal);
    hooks.request({ operationName, kind, attempt: attemptNumber });
    const signal = attemptSignal(context.signal, context.timeoutMs);
    let failure: unknown;
    try {
      const result = await attempt(signal, attemptNumber);
      if (context.keepSignalLinked) signal.clearTimeout();
      else signal.dispose();
      return result;
    } catch (error) {
      failure = normalise(error, context, signal);
      signal.dispose();
    }
    if (context.signal?.aborted) throw failure;
    const delayMs = nextDelay(context, failure, attemptNumber, clock.now() - started);
    if (delayMs === null) {
      hooks.error({ operationName, kind, attempts: attemptNumber, error: failure });
      throw failure;
    }
    hooks.retry({ operationName, kind, attempt: attemptNumber, delayMs, error: failure });
    await clock.sleep(delayMs, context.signal);
  }
}

/**
 * The wait before the next attempt, or `null` when the call must fail now: not retryable, out of
 * retries, budget spent, or a `Retry-After` longer than what is left of the budget (waiting less
 * than the server asked would only earn another 429). A backoff wait is shortened to fit the budget.
 */
function nextDelay(
  context: RetryContext,
  failure: unknown,
  attemptNumber: number,
  elapsedMs: number,
): number | null {
  const { retry } = context;
  if (!context.retryEnabled || !isRetryableError(failure)) return null;
  if (attemptNumber > retriesAllowed(failure, retry.maxRetries)) return null;
  const remainingMs = retry.budgetMs - elapsedMs;
  if (remainingMs <= 0) return null;
  const asked = (failure as { retryAfterMs?: unknown }).retryAfterMs;
  if (typeof asked === 'number') {
    const delayMs = Math.min(asked, retry.maxDelayMs);
    return delayMs > remainingMs ? null : delayMs;
  }
  return Math.min(backoffDelay(attemptNumber, retry, context.clock.random()), remainingMs);
}
