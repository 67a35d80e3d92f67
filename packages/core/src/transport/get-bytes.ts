/**
 * What a ranged read of a signed URL answers: the part of `Response` the Parquet history reader
 * uses, so that a platform can answer with something lighter than a `Response` (see
 * {@link GetBytes}).
 */
export interface BytesReply {
  /** Whether the status is 2xx. */
  readonly ok: boolean;
  /** HTTP status. */
  readonly status: number;
  /** HTTP status text. */
  readonly statusText: string;
  /** Response headers (`Content-Range`, `Content-Length`, `Content-Type`, `Retry-After`). */
  readonly headers: Pick<Headers, 'get'>;
  /** The whole body; rejects when it cannot be read whole (a reset, an abort). */
  bytes(): Promise<Uint8Array>;
  /** The whole body as UTF-8 text (error pages). */
  text(): Promise<string>;
}

/** A GET or HEAD as the history reader sends it to an export URL. */
export interface BytesRequestInit {
  /** `'GET'` or `'HEAD'`. */
  method: 'GET' | 'HEAD';
  /** Request headers, names lower-cased (`range` only: signed URLs take no credentials). */
  headers?: Record<string, string>;
  /** Aborts the request and the reading of its body. */
  signal?: AbortSignal;
  /**
   * A buffer the body may be read into when it fits (`bytes()` is then a view of its start), so
   * that a reader of many ranges reuses its memory. A platform may ignore it.
   */
  into?: Uint8Array;
}

/**
 * An optional platform capability: GETs (or HEADs) a URL, byte ranges included, and answers
 * with a {@link BytesReply}. {@link bytesOverFetch} makes one of any `fetch`; a platform gives
 * its own when it has a cheaper way (the Node platform reads the reply from `node:http` into one
 * buffer, without web streams or `Response` objects). It must reject when `signal` aborts,
 * follow redirects and decode compressed bodies, as `fetch` does.
 */
export type GetBytes = (url: string, init: BytesRequestInit) => Promise<BytesReply>;

/** A {@link GetBytes} over a `fetch` (the body read with `arrayBuffer()`). */
export function bytesOverFetch(fetchFn: typeof fetch): GetBytes {
  return async (url, init) => {
    const response = await fetchFn(url, {
      method: init.method,
      ...(init.headers ? { headers: init.headers } : {}),
      ...(init.signal ? { signal: init.signal } : {}),
    });
    return {
      ok: response.ok,
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
      bytes: async () => new Uint8Array(await response.arrayBuffer()),
      text: () => response.text(),
    };
  };
}
