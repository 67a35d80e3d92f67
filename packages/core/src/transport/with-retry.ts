import { HttpError } from '../errors/http-error';
import { scrubError } from '../errors/redaction';
import { RateLimitError } from '../errors/rate-limit-error';
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
  /** Forms of the API key removed from every error before events see it (see errors/redaction.ts). */
  secrets?: readonly string[];
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
    const what = context.operationName || 'Request';
    return new TimeoutError(`${what} timed out: nothing received for ${context.timeoutMs} ms`, {
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
 * `TypeError`, a reset while reading) becomes a `NetworkError`.
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
      failure = scrubError(normalise(error, context, signal), context.secrets ?? []);
      signal.dispose();
    }
    if (context.signal?.aborted) throw failure;
    const delayMs = nextDelay(context, failure, attemptNumber, clock.now() - started);
    if (delayMs === null) {
      const final = explainLongWait(failure, context.retry);
      hooks.error({ operationName, kind, attempts: attemptNumber, error: final });
      throw final;
    }
    hooks.retry({ operationName, kind, attempt: attemptNumber, delayMs, error: failure });
    await clock.sleep(delayMs, context.signal);
  }
}

/**
 * The wait before the next attempt, or `null` when the call must fail now: not retryable, out of
 * retries, budget spent, or a `Retry-After` longer than `maxRetryAfterMs` (waiting less than the
 * server asked would only earn another 429). A `Retry-After` up to that cap is waited out even past
 * the budget, as the HEAD client does (wandb/wandb `core/internal/clients/retry_policy.go`); a backoff wait is shortened to fit the budget.
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
  const asked = failure instanceof HttpError ? failure.retryAfterMs : null;
  if (typeof asked === 'number') return asked > retry.maxRetryAfterMs ? null : asked;
  const remainingMs = retry.budgetMs - elapsedMs;
  if (remainingMs <= 0) return null;
  return Math.min(backoffDelay(attemptNumber, retry, context.clock.random()), remainingMs);
}

/** A 429 whose `Retry-After` is past the cap, restated so that the message names the wait and the cap. */
function explainLongWait(failure: unknown, retry: RetryOptions): unknown {
  const asked = failure instanceof RateLimitError ? failure.retryAfterMs : null;
  if (asked === null || asked <= retry.maxRetryAfterMs) return failure;
  const text = `the server asks to wait ${asked / 1000} s, more than retry.maxRetryAfterMs (${retry.maxRetryAfterMs / 1000} s)`;
  return new RateLimitError(`${(failure as RateLimitError).message}: ${text}`, failure as RateLimitError);
}
