import { describe, expect, it } from 'vitest';
import { HttpError, RateLimitError } from '../errors';
import { AdaptiveConcurrency } from './adaptive-concurrency';

function controller(max: number, increaseAfter = 3): { limiter: AdaptiveConcurrency; clock: { t: number } } {
  const clock = { t: 10_000 };
  return { limiter: new AdaptiveConcurrency({ max, increaseAfter, now: () => clock.t }), clock };
}

describe('AdaptiveConcurrency', () => {
  it('starts at the maximum and halves on a rate limit, never below 1', () => {
    const { limiter, clock } = controller(8);
    expect(limiter.limit).toBe(8);
    limiter.rateLimited(0);
    expect(limiter.limit).toBe(4);
    for (let i = 0; i < 5; i += 1) {
      clock.t += 5_000;
      limiter.rateLimited(0);
    }
    expect(limiter.limit).toBe(1);
  });

  it('halves once per burst: 429s within the cooldown or the Retry-After count once', () => {
    const { limiter, clock } = controller(8);
    limiter.rateLimited(2_000);
    clock.t += 1_500;
    limiter.rateLimited(2_000);
    expect(limiter.limit).toBe(4);
    clock.t += 600;
    limiter.rateLimited(2_000);
    expect(limiter.limit).toBe(2);
  });

  it('pauses new work for the Retry-After', () => {
    const { limiter, clock } = controller(4);
    expect(limiter.pauseRemainingMs()).toBe(0);
    limiter.rateLimited(1_500);
    expect(limiter.pauseRemainingMs()).toBe(1_500);
    clock.t += 1_000;
    expect(limiter.pauseRemainingMs()).toBe(500);
    clock.t += 1_000;
    expect(limiter.pauseRemainingMs()).toBe(0);
  });

  it('raises the limit by one after every `increaseAfter` successes, up to the maximum', () => {
    const { limiter } = controller(4, 3);
    limiter.rateLimited(0);
    expect(limiter.limit).toBe(2);
    limiter.succeeded();
    limiter.succeeded();
    expect(limiter.limit).toBe(2);
    limiter.succeeded();
    expect(limiter.limit).toBe(3);
    for (let i = 0; i < 30; i += 1) limiter.succeeded();
    expect(limiter.limit).toBe(4);
  });

  it('a rate limit restarts the success count', () => {
    const { limiter, clock } = controller(4, 2);
    limiter.rateLimited(0);
    limiter.succeeded();
    clock.t += 5_000;
    limiter.rateLimited(0);
    limiter.succeeded();
    expect(limiter.limit).toBe(1);
    limiter.succeeded();
    expect(limiter.limit).toBe(2);
  });

  it('its retry hook reacts to 429 retries only, using their Retry-After', () => {
    const { limiter } = controller(4);
    const base = { operationName: 'HistoryPage', kind: 'query' as const, attempt: 1, delayMs: 300 };
    limiter.hooks.retry?.({ ...base, error: new HttpError('boom', { status: 503 }) });
    expect(limiter.limit).toBe(4);
    limiter.hooks.retry?.({ ...base, error: new RateLimitError('slow down', { retryAfterMs: 700 }) });
    expect(limiter.limit).toBe(2);
    expect(limiter.pauseRemainingMs()).toBe(700);
  });

  it('refuses a maximum that is not a positive integer', () => {
    expect(() => new AdaptiveConcurrency({ max: 0 })).toThrow(RangeError);
    expect(() => new AdaptiveConcurrency({ max: 1.5 })).toThrow(/positive integer/);
  });
});
