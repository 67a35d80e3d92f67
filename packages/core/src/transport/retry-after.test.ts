import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';
import { parseRetryAfter } from './retry-after';
import { isRetryableStatus } from './retry-policy';

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('0.5', now)).toBe(500);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:59:00 GMT', now)).toBe(0);
  });
  it('ignores absent or unreadable values', () => {
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('', now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter('-1', now)).toBeNull();
  });
});

describe('backoffDelay', () => {
  const options = { baseDelayMs: 1000, maxDelayMs: 30_000, jitter: 0.25 };
  it('doubles from the base, adds up to 25 % jitter and caps', () => {
    expect(backoffDelay(1, options, 0)).toBe(1000);
    expect(backoffDelay(2, options, 0)).toBe(2000);
    expect(backoffDelay(3, options, 0.999)).toBeCloseTo(4000 * 1.25, -1);
    expect(backoffDelay(20, options, 0.5)).toBe(30_000);
  });
});

describe('isRetryableStatus', () => {
  it('follows the HEAD policy', () => {
    for (const status of [408, 429, 500, 502, 503, 504, 599, 0]) expect(isRetryableStatus(status)).toBe(true);
    for (const status of [200, 301, 400, 401, 403, 404, 409, 410, 413, 422, 501])
      expect(isRetryableStatus(status)).toBe(false);
  });
});
