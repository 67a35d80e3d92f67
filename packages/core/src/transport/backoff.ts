import type { RetryOptions } from './options';

/**
 * The wait before retry number `retry` (1-based): `baseDelayMs · 2^(retry-1)`, plus up to
 * `jitter` of it at random, capped at `maxDelayMs`.
 *
 * @param random - A number in [0, 1), e.g. `Math.random()`.
 */
export function backoffDelay(
  retry: number,
  options: Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs' | 'jitter'>,
  random: number,
): number {
  const exponential = options.baseDelayMs * 2 ** Math.max(0, retry - 1);
  const withJitter = exponential * (1 + options.jitter * random);
  return Math.round(Math.min(options.maxDelayMs, withJitter));
}
