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
 * Whether a failed attempt may be retried: network errors, timeouts, and HTTP errors with a
 * retryable status. A GraphQL error is retried only when it came with a retryable status
 * (e.g. a 503 whose body holds `errors`), never in a 200.
 */
export function isRetryableError(error: unknown): boolean {
  if (error instanceof NetworkError || error instanceof TimeoutError) return true;
  if (error instanceof HttpError || error instanceof GraphQLError) return isRetryableStatus(error.status);
  return false;
}
