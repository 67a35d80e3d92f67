import { StringDecoder } from 'node:string_decoder';
import type { PostText, TextReply, TextRequestInit } from '@wbapi/core';
import { parseReplyParts } from './parse-reply-parts';
import { readBody } from './read-body';
import { goesDirect, type NodeFetchOptions } from './node-fetch';
import { createNodeRequester, isLoopback, isRedirect, replyHead, type NodeRequester } from './node-request';

/**
 * Byte chunks as UTF-8 text without a BOM, one string per chunk (never one string of the whole:
 * V8 allocates long strings slowly, see {@link parseReplyParts}).
 */
function textParts(chunks: readonly Buffer[]): string[] {
  const decoder = new StringDecoder('utf8');
  const parts = chunks.map((chunk) => decoder.write(chunk));
  parts.push(decoder.end());
  if (parts[0]?.charCodeAt(0) === 0xfeff) parts[0] = parts[0].slice(1);
  return parts.filter((part) => part !== '');
}

/**
 * The Node platform's {@link PostText}: GraphQL POSTs through `node:http`/`node:https` with
 * keep-alive agents, without `fetch`'s web streams, `Response` objects or its loading cost
 * (undici is not loaded for them). Loopback servers are not asked to compress; other servers may
 * send gzip, deflate or brotli. Redirects are handed to `fallback` (a fetch), which follows them.
 *
 * `undefined` when the environment names a proxy or a dispatcher of one's own is given: then
 * every request goes through the fetch, which honours them.
 */
export function createNodePost(
  options: NodeFetchOptions,
  fallback: typeof fetch,
  requester: NodeRequester = createNodeRequester(options.keepAliveTimeoutMs),
): PostText | undefined {
  if (!goesDirect(options)) return undefined;
  return async (url: string, init: TextRequestInit): Promise<TextReply> => {
    const target = new URL(url);
    const headers = { ...init.headers };
    if (!('accept-encoding' in headers) && !isLoopback(target.hostname))
      headers['accept-encoding'] = 'gzip, deflate, br';
    const { signal } = init;
    const message = await requester(target, { method: 'POST', headers, body: init.body, signal });
    if (isRedirect(message)) {
      message.resume();
      return fallback(url, init);
    }
    const body = readBody(message, signal, init.onChunk);
    return {
      ...replyHead(message),
      url,
      text: async () => textParts(await body).join(''),
      parsedBody: async () => parseReplyParts(textParts(await body)),
    };
  };
}
