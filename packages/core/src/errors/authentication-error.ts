import { HttpError, type HttpErrorInit } from './http-error';

/**
 * The server refused the credentials (HTTP 401) or the permission (HTTP 403), or no API key
 * could be verified. `status` is 401 when no HTTP reply was involved.
 */
export class AuthenticationError extends HttpError {
  constructor(message: string, init: Partial<HttpErrorInit> = {}) {
    super(message, { ...init, status: init.status ?? 401 });
    this.name = 'AuthenticationError';
  }
}
