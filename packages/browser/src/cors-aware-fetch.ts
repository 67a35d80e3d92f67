import { NetworkError } from '@wbapi/core';

/**
 * Wraps a page's fetch so that a cross-origin request refused for CORS fails at once with a
 * {@link NetworkError} whose `code` is `'CORS'` (never retried), instead of a bare `TypeError`
 * that is retried for the whole budget while only the console says why.
 *
 * A page cannot read why a fetch failed: a server that is down and a server that does not allow
 * the page's origin both give `TypeError: Failed to fetch`. So after such a failure this sends one
 * `no-cors` GET to the same URL, which needs no permission: if it is answered (with an opaque
 * response), the server is up and refused the origin; if it fails too, the original error is
 * thrown and retried as a network error.
 */
export function corsAwareFetch(fetchFn: typeof fetch): typeof fetch {
  return async (input, init) => {
    try {
      return await fetchFn(input, init);
    } catch (error) {
      const origin = globalThis.location?.origin;
      const url = new URL(input instanceof Request ? input.url : String(input), origin);
      if (!(error instanceof TypeError) || init?.signal?.aborted || !origin || url.origin === origin)
        throw error;
      const signal = init?.signal ?? null;
      if (!(await fetchFn(url, { mode: 'no-cors', credentials: 'omit', signal }).catch(() => null)))
        throw error;
      throw new NetworkError(`${url.origin} does not allow this page's origin ${origin} (CORS)`, {
        cause: error,
        url: url.origin + url.pathname,
        code: 'CORS',
      });
    }
  };
}
