import type { BytesReply, BytesRequestInit, GetBytes } from '@wbapi/core';
import { bytesOverFetch } from '@wbapi/core/internal';
import { goesDirect, type NodeFetchOptions } from './node-fetch';
import { createNodeRequester, isRedirect, replyHead, type NodeRequester } from './node-request';
import { readBody } from './read-body';

/** The chunks as one buffer: in `into` when they fit, else the chunk itself or a new buffer. */
function joined(chunks: readonly Buffer[], into?: Uint8Array): Uint8Array {
  let total = 0;
  for (const chunk of chunks) total += chunk.length;
  if (into && total <= into.length) {
    let at = 0;
    for (const chunk of chunks) {
      into.set(chunk, at);
      at += chunk.length;
    }
    return into.subarray(0, total);
  }
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total);
}

/**
 * The Node platform's {@link GetBytes}: GETs and HEADs of signed URLs (history export files,
 * byte ranges) through `node:http`/`node:https` with keep-alive agents, the body read from the
 * socket into one buffer, without `fetch`'s web streams, `Response` objects or its loading cost
 * (undici is not loaded for them). No compression is asked for: a byte range is read as stored.
 * Redirects are handed to `fallback` (a fetch), which follows them.
 *
 * `undefined` when the environment names a proxy or a dispatcher of one's own is given: then
 * every request goes through the fetch, which honours them.
 */
export function createNodeGetBytes(
  options: NodeFetchOptions,
  fallback: typeof fetch,
  requester: NodeRequester = createNodeRequester(options.keepAliveTimeoutMs),
): GetBytes | undefined {
  if (!goesDirect(options)) return undefined;
  const viaFetch = bytesOverFetch(fallback);
  return async (url: string, init: BytesRequestInit): Promise<BytesReply> => {
    const target = new URL(url);
    if (target.protocol !== 'http:' && target.protocol !== 'https:') return viaFetch(url, init);
    const { method, signal } = init;
    const message = await requester(target, { method, headers: init.headers ?? {}, signal });
    if (isRedirect(message)) {
      message.resume();
      return viaFetch(url, init);
    }
    if (method === 'HEAD') message.resume();
    const body = method === 'HEAD' ? Promise.resolve([]) : readBody(message, signal);
    return {
      ...replyHead(message),
      bytes: async () => joined(await body, init.into),
      text: async () => Buffer.concat(await body).toString('utf8'),
    };
  };
}
