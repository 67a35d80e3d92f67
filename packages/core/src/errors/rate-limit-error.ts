import { HttpError, type HttpErrorInit } from './http-error';

/**
 * HTTP 429: the server asks to slow down. `retryAfterMs` holds its `Retry-After` wait
 * (`null` when it gave none); thrown when the retry budget cannot cover that wait.
 */
export class RateLimitError extends HttpError {
  constructor(message: string, init: Partial<HttpErrorInit> = {}) {
    super(message, { ...init, status: init.status ?? 429 });
    this.name = 'RateLimitError';
  }
}
