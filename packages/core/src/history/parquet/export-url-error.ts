import { HttpError, type HttpErrorInit } from '../../errors/http-error';

/**
 * A history export URL answered something other than the bytes asked for: a non-2xx status, an
 * HTML or JSON body, a wrong `Content-Range`, or fewer bytes than asked. `expired` is true for
 * 400/401/403, which signed URLs answer once they expire: ask `parquetHistory` for new URLs.
 */
export class ExportUrlError extends HttpError {
  /** True when the URL was refused (400, 401, 403), as an expired signed URL is. */
  declare readonly expired: boolean;

  constructor(message: string, init: HttpErrorInit) {
    super(message, init);
    this.name = 'ExportUrlError';
    this.expired = init.status === 400 || init.status === 401 || init.status === 403;
  }
}
