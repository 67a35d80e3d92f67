/**
 * What the GraphQL client reads of a reply: the part of `Response` it uses, so that a platform
 * can answer with something lighter than a `Response` (see {@link PostText}).
 */
export interface TextReply {
  /** Whether the status is 2xx. */
  readonly ok: boolean;
  /** HTTP status. */
  readonly status: number;
  /** HTTP status text. */
  readonly statusText: string;
  /** The URL that answered. */
  readonly url: string;
  /** Response headers (read for `Retry-After`). */
  readonly headers: Pick<Headers, 'get'>;
  /** The whole body as text; rejects when the body cannot be read (reset, abort). */
  text(): Promise<string>;
  /**
   * Optional: the body parsed as W&B JSON and its length in characters (undefined when it is not
   * JSON), for a platform that parses long bodies without one string of them (Node does).
   * `text()` still answers afterwards.
   */
  parsedBody?(): Promise<{ json: unknown; chars: number } | undefined>;
}

/** A POST as the GraphQL client sends it. */
export interface TextRequestInit {
  /** Always `'POST'`. */
  method: 'POST';
  /** Request headers, names lower-cased. */
  headers: Record<string, string>;
  /** Request body (JSON text). */
  body: string;
  /** Aborts the request and the reading of its body. */
  signal: AbortSignal;
  /**
   * Called after every chunk of the reply body is received (the attempt restarts its idle
   * timeout there). A `fetch` ignores it: its body is read as a stream instead.
   */
  onChunk?: () => void;
}

/**
 * An optional platform capability: POSTs a text body and answers with a {@link TextReply}.
 * A `fetch` fits this shape; a platform gives its own when it has a cheaper way (the Node
 * platform answers from `node:http` without web streams). It must reject when `signal` aborts,
 * follow redirects (or hand them to `fetch`) and decode compressed bodies, as `fetch` does.
 *
 * @example
 * ```ts
 * const post: PostText = (url, init) => fetch(url, init);
 * ```
 */
export type PostText = (url: string, init: TextRequestInit) => Promise<TextReply>;
