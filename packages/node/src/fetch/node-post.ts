import type { IncomingMessage } from 'node:http';
import { brotliDecompress, gunzip, inflate } from 'node:zlib';
import type { PostText, TextReply, TextRequestInit } from '@wbapi/core';
import { parseReplyParts } from './parse-reply-parts';
import { hasProxy, type NodeFetchOptions } from './node-fetch';
import {
  createNodeRequester,
  headerReader,
  isLoopback,
  isRedirect,
  type NodeRequester,
} from './node-request';

const DECODERS: Record<string, (input: Buffer, done: (error: Error | null, out: Buffer) => void) => void> = {
  gzip: gunzip,
  'x-gzip': gunzip,
  deflate: inflate,
  br: brotliDecompress,
};

/**
 * Reads a whole reply body, decoding `Content-Encoding`, as UTF-8 text without a BOM, in the
 * pieces it arrived in: plain bodies are decoded chunk by chunk and never joined here (V8
 * allocates long strings slowly, see {@link parseReplyParts}).
 */
function readBody(
  message: IncomingMessage,
  signal: AbortSignal,
  onChunk: () => void = () => undefined,
): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const encoding = (message.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
    const decode = DECODERS[encoding];
    const chunks: Buffer[] = [];
    const parts: string[] = [];
    if (!decode) message.setEncoding('utf8');
    const onAbort = (): void => {
      message.destroy();
      reject(signal.reason);
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    message.on(
      'data',
      decode
        ? (chunk: Buffer) => {
            chunks.push(chunk);
            onChunk();
          }
        : (chunk: string) => {
            parts.push(chunk);
            onChunk();
          },
    );
    message.on('error', reject);
    message.on('close', () => {
      signal.removeEventListener('abort', onAbort);
      if (!message.complete) return reject(new Error('the connection closed before the reply was read'));
      const finish = (whole: string[]): void => {
        const first = whole[0];
        if (first?.charCodeAt(0) === 0xfeff) whole[0] = first.slice(1);
        resolve(whole);
      };
      if (!decode) return finish(parts);
      decode(Buffer.concat(chunks), (error, out) => (error ? reject(error) : finish([out.toString('utf8')])));
    });
  });
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
  if (options.dispatcher || hasProxy(options.env ?? process.env)) return undefined;
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
    // Read at once, so that an error on the socket always has a listener.
    const body = readBody(message, signal, init.onChunk);
    body.catch(() => undefined);
    let text: string | undefined;
    const status = message.statusCode ?? 0;
    return {
      ok: status >= 200 && status < 300,
      status,
      statusText: message.statusMessage ?? '',
      url,
      headers: headerReader(message),
      text: async () => (text ??= (await body).join('')),
      parsedBody: async () => parseReplyParts(await body),
    };
  };
}
