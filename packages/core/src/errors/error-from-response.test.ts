import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  errorFromResponse,
  GraphQLError,
  HttpError,
  NotFoundError,
  RateLimitError,
  WandbError,
} from './index';

describe('errorFromResponse', () => {
  it('maps 401 and 403 to AuthenticationError with the server message', () => {
    for (const status of [401, 403]) {
      const error = errorFromResponse({ status, json: { errors: [{ message: 'bad key' }] }, bodyText: 'x' });
      expect(error).toBeInstanceOf(AuthenticationError);
      expect(error).toBeInstanceOf(HttpError);
      expect(error.message).toBe('bad key');
      expect((error as HttpError).status).toBe(status);
    }
  });

  it('maps 404 to NotFoundError and 429 to RateLimitError with retryAfterMs', () => {
    const missing = errorFromResponse({ status: 404, statusText: 'Not Found' });
    expect(missing).toBeInstanceOf(NotFoundError);
    expect(missing.message).toBe('Resource not found; check the path (HTTP 404)');
    expect(errorFromResponse({ status: 401 }).message).toBe('The API key is invalid or missing (HTTP 401)');
    const limited = errorFromResponse({ status: 429, headers: new Headers({ 'Retry-After': '7' }) });
    expect(limited).toBeInstanceOf(RateLimitError);
    expect((limited as RateLimitError).retryAfterMs).toBe(7000);
    expect(limited.name).toBe('RateLimitError');
  });

  it('reads GraphQL errors in a 4xx/5xx body as a GraphQLError carrying the status', () => {
    const error = errorFromResponse({
      status: 400,
      json: { errors: [{ message: 'one' }, { message: 'two' }], data: { project: null } },
    });
    expect(error).toBeInstanceOf(GraphQLError);
    expect(error.message).toBe('one; two');
    expect((error as GraphQLError).status).toBe(400);
    expect((error as GraphQLError).data).toEqual({ project: null });
    expect((error as GraphQLError).errors).toHaveLength(2);
  });

  it('builds HttpError messages from {error} bodies, short text, or the status', () => {
    expect(errorFromResponse({ status: 500, json: { error: 'boom' } }).message).toBe('HTTP 500: boom');
    expect(errorFromResponse({ status: 502, bodyText: 'bad gateway' }).message).toBe('HTTP 502: bad gateway');
    const html = errorFromResponse({
      status: 503,
      statusText: 'Service Unavailable',
      bodyText: '<html>...</html>',
    });
    expect(html.message).toBe('HTTP 503 (Service Unavailable)');
    expect(html).toBeInstanceOf(WandbError);
  });

  it('removes secrets and URL query strings from everything it keeps', () => {
    const secret = 'k'.repeat(40);
    const error = errorFromResponse({
      status: 500,
      url: `https://user:pw@api.example.com/files/x?token=${secret}#frag`,
      bodyText: `key ${secret} rejected`,
      secrets: [secret],
    }) as HttpError;
    expect(error.url).toBe('https://api.example.com/files/x');
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain(secret);
    expect(error.message).toBe('HTTP 500: key *** rejected');
  });

  it('truncates long messages and bodies', () => {
    const error = errorFromResponse({
      status: 400,
      json: { errors: [{ message: 'm'.repeat(5000) }] },
      bodyText: 'b'.repeat(5000),
    });
    expect(error.message.length).toBeLessThanOrEqual(500);
  });
});
