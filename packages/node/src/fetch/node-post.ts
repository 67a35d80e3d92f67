import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { brotliDecompress, gunzip, inflate } from 'node:zlib';
import type { PostText, TextReply, TextRequestInit } from '@wbapi/core';
import { hasProxy, type NodeFetchOptions } from './node-fetch';

/** Hosts whose replies are not worth compressing: the bytes never leave the machine. */
function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

const DECODERS: Record<string, (input: Buffer, done: (error: Error | null, out: Buffer) => void) => void> = {
  gzip: gunzip,
  'x-gzip': gunzip,
  deflate: inflate,
  br: brotliDecompress,
};

/** `get` over Node's lower-cased header object (multi-valued headers joined as fetch does). */
function headerReader(message: IncomingMessage): Pick<Headers, 'get'> {
  return {
    get(name: string): string | null {
      const value = message.headers[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(', ') : value;
    },
  };
}

/** Reads a whole reply body, decoding `Content-Encoding`, as UTF-8 text without a BOM. */
function readBody(message: IncomingMessage, signal: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const encoding = (message.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
    const decode = DECODERS[encoding];
    const chunks: Buffer[] = [];
    // Plain bodies are decoded chunk by chunk as they arrive: turning one large buffer into a
    // string costs far more in V8 than the same bytes in socket-sized pieces.
    let text = '';
    if (!decode) message.setEncoding('utf8');
    const onAbort = (): void => {
      message.destroy();
      reject(signal.reason);
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    message.on('data', decode ? (chunk: Buffer) => chunks.push(chunk) : (chunk: string) => (text += chunk));
    message.on('error', reject);
    message.on('close', () => {
      signal.removeEventListener('abort', onAbort);
      if (!message.complete) return reject(new Error('the connection closed before the reply was read'));
      const finish = (whole: string): void =>
        resolve(whole.charCodeAt(0) === 0xfeff ? whole.slice(1) : whole);
      if (!decode) return finish(text);
      decode(Buffer.concat(chunks), (error, out) => (error ? reject(error) : finish(out.toString('utf8'))));
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
export function createNodePost(options: NodeFetchOptions, fallback: typeof fetch): PostText | undefined {
  if (options.dispatcher || hasProxy(options.env ?? process.env)) return undefined;
  const keepAlive = { keepAlive: true, timeout: options.keepAliveTimeoutMs ?? 30_000 };
  const agents = { http: new HttpAgent(keepAlive), https: new HttpsAgent(keepAlive) };

  return (url: string, init: TextRequestInit): Promise<TextReply> => {
    const target = new URL(url);
    const secure = target.protocol === 'https:';
    const headers: Record<string, string> = {};
    init.headers.forEach((value, name) => (headers[name] = value));
    headers['content-length'] = String(Buffer.byteLength(init.body));
    if (!('accept-encoding' in headers) && !isLoopback(target.hostname))
      headers['accept-encoding'] = 'gzip, deflate, br';
    const send = secure ? httpsRequest : httpRequest;
    const { signal } = init;
    return new Promise<TextReply>((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      const request = send(target, { method: 'POST', headers, agent: secure ? agents.https : agents.http });
      const onAbort = (): void => {
        request.destroy();
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      request.on('error', (error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      });
      request.on('response', (message) => {
        signal.removeEventListener('abort', onAbort);
        const status = message.statusCode ?? 0;
        if (status >= 300 && status < 400 && message.headers.location) {
          message.resume();
          resolve(fallback(url, init));
          return;
        }
        // Read at once, so that an error on the socket always has a listener.
        const body = readBody(message, signal);
        body.catch(() => undefined);
        resolve({
          ok: status >= 200 && status < 300,
          status,
          statusText: message.statusMessage ?? '',
          url,
          headers: headerReader(message),
          text: () => body,
        });
      });
      request.end(init.body);
    });
  };
}
