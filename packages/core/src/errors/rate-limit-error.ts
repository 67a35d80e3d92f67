import { HttpError, type HttpErrorInit } from './http-error';

/**
 * HTTP 429: the server asks to slow down. `retryAfterMs` holds its `Retry-After` wait
 * (`null` when it gave none). Thrown when retries are spent, or at once when the server asks for
 * a wait longer than `retry.maxRetryAfterMs` (the message then names both).
 */
export class RateLimitError extends HttpError {
  constructor(message: string, init: Partial<HttpErrorInit> = {}) {
    super(message, { ...init, status: init.status ?? 429 });
    this.name = 'RateLimitError';
  }
}
