import { WandbError } from '../errors/wandb-error';
import { parseReplyBody, replyError } from './read-graphql-response';
import { releaseWhenRead } from './release-when-read';
import { sameOrigin } from './request-headers';
import { withRetry, type RetryContext } from './with-retry';

/** Extra options of `GraphQLClient.fetchFile`. */
export interface FetchFileOptions {
  /** First byte wanted; > 0 sends `Range: bytes=<offset>-`. @defaultValue 0 */
  offset?: number;
  /** Last byte wanted (inclusive): sends `Range: bytes=<offset>-<end>`. @defaultValue the end of the file */
  end?: number;
}

/** What `fetchFileWithRetry` needs from the client. */
export interface FetchFileDeps {
  /** The client's base URL: credentials go only to its origin. */
  baseUrl: string;
  /** The fetch to use. */
  fetch: typeof fetch;
  /** Headers for hops on the API's origin (client and call headers, `Authorization`). */
  headers: Record<string, string>;
  /** `User-Agent` for hops elsewhere, which get nothing else but `Range`. */
  userAgent: string;
  /** Strings to keep out of errors. */
  secrets: readonly string[];
  /** Retry settings and hooks. */
  context: RetryContext;
  /** Last byte wanted (inclusive), for a bounded Range. */
  end?: number;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 10;

/** One GET with redirects followed by hand, so credentials never leave the API's origin. */
async function getFollowingRedirects(
  url: string,
  offset: number,
  deps: FetchFileDeps,
  signal: AbortSignal,
): Promise<Response> {
  const fetchFn = deps.fetch;
  let current = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    // Off the API's origin (a storage bucket, a CDN) send no credentials and no custom headers:
    // they may be secrets, and in browsers they would force a CORS preflight.
    const headers = sameOrigin(current, deps.baseUrl)
      ? new Headers(deps.headers)
      : new Headers({ 'User-Agent': deps.userAgent });
    if (deps.end !== undefined) headers.set('Range', `bytes=${offset}-${deps.end}`);
    else if (offset > 0) headers.set('Range', `bytes=${offset}-`);
    const init: RequestInit = { method: 'GET', headers, redirect: 'manual', signal };
    const response = await fetchFn(current, init);
    if (response.type === 'opaqueredirect') {
      // Browsers hide the Location of manual redirects; let the browser follow (the Fetch
      // standard drops Authorization when a redirect crosses origins).
      return fetchFn(current, { ...init, redirect: 'follow' });
    }
    const location = response.headers.get('location');
    if (!REDIRECTS.has(response.status) || location === null) return response;
    await response.body?.cancel().catch(() => undefined);
    current = new URL(location, current).href;
  }
  throw new WandbError(`Too many redirects while fetching a file (more than ${MAX_REDIRECTS})`);
}

/**
 * GETs a file with Range support, retries and same-origin-only credentials.
 * Non-2xx replies become errors (read body first); 200 and 206 resolve with the unread body.
 */
export function fetchFileWithRetry(url: string, offset: number, deps: FetchFileDeps): Promise<Response> {
  const context = { ...deps.context, url, keepSignalLinked: true };
  const { hooks, clock } = context;
  return withRetry(context, async (attempt, attemptNumber) => {
    const started = clock.now();
    const response = await getFollowingRedirects(url, offset, deps, attempt.signal);
    const durationMs = clock.now() - started;
    hooks.response({
      operationName: context.operationName,
      kind: 'file',
      attempt: attemptNumber,
      status: response.status,
      durationMs,
    });
    if (response.ok) return releaseWhenRead(response, attempt, deps.context.signal);
    const bodyText = await response.text().catch(() => '');
    const json = parseReplyBody(bodyText);
    throw replyError(response, bodyText, json, deps.secrets, clock.now(), response.url || url);
  });
}

/** Where the body of a file response starts and how big the whole file is. */
export interface FileResponseInfo {
  /** Offset of the body's first byte in the file. */
  offset: number;
  /** Size of the whole file when known (`Content-Range` total, or `Content-Length` of a 200), else `null`. */
  totalBytes: number | null;
  /** True when an offset was asked for but the server sent the whole file (200): skip or restart. */
  rangeIgnored: boolean;
}

/**
 * Reads `Content-Range`/`Content-Length` of a `fetchFile` response.
 *
 * @param requestedOffset - The offset passed to `fetchFile`.
 */
export function describeFileResponse(response: Response, requestedOffset: number): FileResponseInfo {
  if (response.status === 206) {
    const match = /^bytes\s+(\d+)-\d+\/(\d+|\*)$/i.exec(response.headers.get('content-range')?.trim() ?? '');
    const total = match?.[2];
    return {
      offset: match ? Number(match[1]) : requestedOffset,
      totalBytes: total !== undefined && total !== '*' ? Number(total) : null,
      rangeIgnored: false,
    };
  }
  const length = response.headers.get('content-length');
  return {
    offset: 0,
    totalBytes: length !== null && /^\d+$/.test(length) ? Number(length) : null,
    rangeIgnored: requestedOffset > 0,
  };
}
