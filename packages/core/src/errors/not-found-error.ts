import { HttpError, type HttpErrorInit } from './http-error';

/**
 * HTTP 404, or a run, project, sweep, file or report that does not exist.
 * `status` is 404 also when the object was simply missing from a successful reply.
 */
export class NotFoundError extends HttpError {
  constructor(message: string, init: Partial<HttpErrorInit> = {}) {
    super(message, { ...init, status: init.status ?? 404 });
    this.name = 'NotFoundError';
  }
}
