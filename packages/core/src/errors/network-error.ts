import { WandbError } from './wandb-error';

/** What a {@link NetworkError} knows about the failure. */
export interface NetworkErrorInit {
  /** The underlying error (a fetch `TypeError`, a socket error). */
  cause?: unknown;
  /** The request URL, without query string, fragment or credentials. */
  url?: string;
  /** The system error code at the root of the failure (`ECONNREFUSED`, `ENOTFOUND`), or `'CORS'`. */
  code?: string;
}

/**
 * The request could not be sent or the reply could not be read (DNS, refused or reset
 * connection; in a browser also an origin the server does not allow). The message names the URL
 * and the root cause, e.g. `Network error during Runs (http://127.0.0.1:9/graphql): connect ECONNREFUSED 127.0.0.1:9`.
 */
export class NetworkError extends WandbError {
  // Set in the constructor, hence `declare`: bundles get no separate field definitions.
  /** The request URL without query string, fragment or credentials (`''` when unknown). */
  declare readonly url: string;
  /**
   * The system error code at the root of the failure (`ECONNREFUSED`, `ENOTFOUND`, `ECONNRESET`),
   * `'CORS'` when a browser page's origin is not allowed by a server that answers, `'BAD_PORT'`
   * for a port that fetch refuses to use (9, 25, 6000, ... per the Fetch standard), else `''`.
   */
  declare readonly code: string;

  constructor(message: string, init: NetworkErrorInit = {}) {
    super(message, { cause: init.cause });
    this.name = 'NetworkError';
    this.url = init.url ?? '';
    this.code = init.code ?? '';
  }
}
