import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { goesDirect, type NodeFetchOptions } from './node-fetch';
import { createNodeRequester, isLoopback, isRedirect, type NodeRequester } from './node-request';

const DECODERS: Record<string, () => NodeJS.ReadWriteStream> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/** Statuses whose responses have no body (the `Response` constructor refuses one). */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/**
 * The reply body as a web stream fed straight from Node's stream (decoded when compressed):
 * chunks are handed over as they are, reading pauses while the consumer is behind, and a
 * connection that closes early or an abort of `signal` errors the stream.
 */
function webBody(
  message: IncomingMessage,
  signal: AbortSignal | null | undefined,
): ReadableStream<Uint8Array> {
  const encoding = (message.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  const decoder = DECODERS[encoding]?.();
  const source: Readable = decoder ? (message.pipe(decoder) as unknown as Readable) : message;
  if (decoder) message.on('error', (error) => decoder.emit('error', error));
  let settled = false;
  const onAbort = (): void => void message.destroy(signal?.reason as Error);
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        signal?.addEventListener('abort', onAbort, { once: true });
        const fail = (error: unknown): void => {
          if (settled) return;
          settled = true;
          signal?.removeEventListener('abort', onAbort);
          controller.error(signal?.aborted ? signal.reason : error);
        };
        source.on('data', (chunk: Buffer) => {
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 0) <= 0) source.pause();
        });
        source.on('end', () => {
          if (settled) return;
          settled = true;
          signal?.removeEventListener('abort', onAbort);
          controller.close();
        });
        source.on('error', fail);
        message.on('close', () => {
          if (!message.complete) fail(new Error('the connection closed before the body was read'));
        });
      },
      pull() {
        source.resume();
      },
      cancel() {
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        message.destroy();
      },
    },
    { highWaterMark: 8 },
  );
}

/**
 * A `fetch` for the Node platform's file downloads and GETs: `node:http`/`node:https` with
 * keep-alive agents, the body a web stream fed directly from the socket, nothing to load on the
 * first call. Loopback servers are not asked to compress. It handles string (or no) bodies and
 * `redirect: 'manual'`; anything else (other bodies, a `Request`, a redirect to follow) goes to
 * `fallback`, the proxy-aware undici fetch.
 *
 * `undefined` when the environment names a proxy or a dispatcher of one's own is given.
 */
export function createNodeHttpFetch(
  options: NodeFetchOptions,
  fallback: typeof fetch,
  requester: NodeRequester = createNodeRequester(options.keepAliveTimeoutMs),
): typeof fetch | undefined {
  if (!goesDirect(options)) return undefined;
  return async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const body = init.body ?? undefined;
    if (typeof input !== 'string' && !(input instanceof URL)) return fallback(input, init);
    if (body !== undefined && typeof body !== 'string') return fallback(input, init);
    const url = new URL(input);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return fallback(input, init);
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, name) => (headers[name] = value));
    if (!('accept-encoding' in headers) && !isLoopback(url.hostname))
      headers['accept-encoding'] = 'gzip, deflate, br';
    const method = (init.method ?? 'GET').toUpperCase();
    const message = await requester(url, { method, headers, body, signal: init.signal });
    if (isRedirect(message) && init.redirect !== 'manual') {
      message.resume();
      return fallback(input, init);
    }
    const status = message.statusCode ?? 0;
    const replyHeaders = new Headers();
    const raw = message.rawHeaders;
    for (let i = 0; i + 1 < raw.length; i += 2) replyHeaders.append(raw[i] as string, raw[i + 1] as string);
    const nullBody = NULL_BODY.has(status) || method === 'HEAD';
    if (nullBody) message.resume();
    const response = new Response(nullBody ? null : webBody(message, init.signal), {
      status,
      statusText: message.statusMessage ?? '',
      headers: replyHeaders,
    });
    Object.defineProperty(response, 'url', { value: url.href });
    return response;
  };
}
