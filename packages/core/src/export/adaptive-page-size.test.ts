import { describe, expect, it } from 'vitest';
import { GraphQLError, HttpError, NetworkError, RateLimitError, TimeoutError } from '../errors';
import { AdaptivePageSize } from './adaptive-page-size';

describe('AdaptivePageSize', () => {
  it('starts at about 10,000 rows per request, within 1 and maxRuns', () => {
    expect(new AdaptivePageSize({ rowsPerRun: 500 }).runs).toBe(20);
    expect(new AdaptivePageSize({ rowsPerRun: 100_000 }).runs).toBe(1);
    expect(new AdaptivePageSize({ rowsPerRun: 50 }).runs).toBe(100);
    expect(new AdaptivePageSize({ rowsPerRun: 10, maxRuns: 20 }).runs).toBe(20);
  });

  it('doubles after quick replies and halves after slow ones', () => {
    const size = new AdaptivePageSize({ rowsPerRun: 400, targetMs: 4000 });
    expect(size.runs).toBe(25);
    size.answered(500);
    expect(size.runs).toBe(50);
    size.answered(2000);
    expect(size.runs).toBe(50);
    size.answered(9000);
    expect(size.runs).toBe(25);
    for (let i = 0; i < 10; i++) size.answered(10);
    expect(size.runs).toBe(100);
  });

  it('halves and asks again only after answers that say the request was too big', () => {
    const size = new AdaptivePageSize({ rowsPerRun: 200 });
    expect(size.failed(new TimeoutError('slow', { timeoutMs: 1 }))).toBe(true);
    expect(size.runs).toBe(25);
    expect(size.failed(new HttpError('gateway', { status: 504 }))).toBe(true);
    expect(size.failed(new GraphQLError('query exceeded its time budget', { status: 200, errors: [] }))).toBe(
      true,
    );
    expect(size.runs).toBe(6);
    expect(size.failed(new RateLimitError('slow down', { status: 429 }))).toBe(false);
    expect(size.failed(new NetworkError('reset'))).toBe(false);
    expect(size.failed(new GraphQLError('unknown field', { status: 200, errors: [] }))).toBe(false);
    expect(size.runs).toBe(6);
    while (size.runs > 1) size.failed(new TimeoutError('slow', { timeoutMs: 1 }));
    expect(size.failed(new TimeoutError('slow', { timeoutMs: 1 }))).toBe(false);
  });
});
