import { GraphQLError } from '../errors/graphql-error';
import { HttpError } from '../errors/http-error';
import { NetworkError } from '../errors/network-error';
import { TimeoutError } from '../errors/timeout-error';

/** Statuses that never succeed on a second try (after the Python client's retry policy). */
const NEVER_RETRIED = new Set([400, 401, 403, 404, 409, 410, 413, 422, 501]);

/**
 * Whether an HTTP status is worth retrying: 408, 429, every 5xx except 501, and other
 * unusual codes (0, ≥ 600); never 2xx/3xx or the client errors that cannot change.
 */
export function isRetryableStatus(status: number): boolean {
  if (NEVER_RETRIED.has(status)) return false;
  if (status === 408 || status === 429) return true;
  return status >= 500 || status < 100;
}

/**
 * Whether a failed attempt may be retried: network errors (but a CORS refusal), timeouts, and HTTP errors with a
 * retryable status. A GraphQL error is retried only when it came with a retryable status
 * (e.g. a 503 whose body holds `errors`), never in a 200.
 */
export function isRetryableError(error: unknown): boolean {
  // A browser origin the server does not allow, or a port fetch blocks, stays refused however
  // often it is asked.
  if (error instanceof NetworkError) return error.code !== 'CORS' && error.code !== 'BAD_PORT';
  if (error instanceof TimeoutError) return true;
  if (error instanceof HttpError || error instanceof GraphQLError) return isRetryableStatus(error.status);
  return false;
}

/**
 * Retries of a refused connection to this machine: nothing listens on that port, which a local
 * server being restarted fixes within seconds, not a long wait (about 3 s with the default
 * backoff instead of the whole 20 s budget).
 */
export const LOOPBACK_REFUSED_RETRIES = 2;

/** Whether a URL's host is this machine (`localhost`, `127.0.0.0/8`, `::1`). */
function isLoopback(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
  } catch {
    return false;
  }
}

/**
 * How many retries a failure gets: `maxRetries`, except {@link LOOPBACK_REFUSED_RETRIES} for a
 * connection refused by a loopback host.
 */
export function retriesAllowed(error: unknown, maxRetries: number): number {
  if (error instanceof NetworkError && error.code === 'ECONNREFUSED' && isLoopback(error.url)) {
    return Math.min(maxRetries, LOOPBACK_REFUSED_RETRIES);
  }
  return maxRetries;
}
