import { HttpError, type HttpErrorInit } from '../../errors/http-error';
import { WandbError } from '../../errors/wandb-error';

/**
 * The server has no `Run.parquetHistory` (it answered the GraphQL validation error of a server
 * without history exports). Scans with `source: 'auto'` read the legacy pages instead.
 */
export class ParquetHistoryUnsupportedError extends WandbError {}

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
    this.expired = init.status === 400 || init.status === 401 || init.status === 403;
  }
}

/**
 * A history export file could not be read as one: not Parquet, truncated or corrupt, no `_step`
 * column, `_step` not ascending, or a column of a type this reader does not decode (`column`
 * names it). Never replaced by nulls.
 */
export class ParquetHistoryFormatError extends WandbError {
  /** The column at fault, when one is. */
  declare readonly column: string | null;

  constructor(message: string, options: { column?: string | null; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? {} : { cause: options.cause });
    this.column = options.column ?? null;
  }
}
