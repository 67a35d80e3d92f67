import { WandbError } from './wandb-error';

/** What an {@link HttpError} knows about the reply that caused it. */
export interface HttpErrorInit {
  /** HTTP status code. */
  status: number;
  /** HTTP status text, when the server sent one. */
  statusText?: string;
  /** Request URL, without query string, fragment or credentials. */
  url?: string;
  /** Start of the response body (truncated), for diagnostics. */
  bodyText?: string;
  /** Wait the server asked for in `Retry-After`, in ms (`null`/absent when it did not say). */
  retryAfterMs?: number | null;
  /** The underlying error, if any. */
  cause?: unknown;
}

/** Removes credentials, query string and fragment from a URL so that it can be kept on an error. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return url.replace(/[?#].*$/s, '');
  }
}

/** A non-2xx HTTP reply that is not one of the more specific errors. */
export class HttpError extends WandbError {
  // Set in the constructor, hence `declare`: bundles get no separate field definitions.
  /** HTTP status code. */
  declare readonly status: number;
  /** HTTP status text ('' when unknown). */
  declare readonly statusText: string;
  /** Request URL without query string, fragment or credentials ('' when unknown). */
  declare readonly url: string;
  /** Start of the response body, truncated ('' when unknown). */
  declare readonly bodyText: string;
  /** Wait the server asked for in `Retry-After`, in ms, or `null` when it did not say. */
  declare readonly retryAfterMs: number | null;

  constructor(message: string, init: HttpErrorInit) {
    super(message, { cause: init.cause });
    this.name = 'HttpError';
    this.status = init.status;
    this.statusText = init.statusText ?? '';
    this.url = init.url === undefined ? '' : redactUrl(init.url);
    this.bodyText = init.bodyText ?? '';
    this.retryAfterMs = init.retryAfterMs ?? null;
  }
}
