import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/** One request as {@link NodeRequester} sends it. */
export interface NodeRequest {
  method: string;
  /** Header names in any case; `Content-Length` is set from `body`. */
  headers: Record<string, string>;
  body?: string | undefined;
  signal?: AbortSignal | null | undefined;
}

/** Sends a request and resolves with the reply's head; its body is still to be read. */
export type NodeRequester = (url: URL, request: NodeRequest) => Promise<IncomingMessage>;

/** Hosts whose replies are not worth compressing: the bytes never leave the machine. */
export function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/**
 * Requests over `node:http`/`node:https` through keep-alive agents (idle sockets are closed
 * after `keepAliveTimeoutMs`), rejecting with the signal's reason when it aborts before the reply
 * arrives. Part of Node itself: nothing to load on the first call.
 */
export function createNodeRequester(keepAliveTimeoutMs = 30_000): NodeRequester {
  const keepAlive = { keepAlive: true, timeout: keepAliveTimeoutMs };
  const agents = { http: new HttpAgent(keepAlive), https: new HttpsAgent(keepAlive) };
  return (url, { method, headers, body, signal }) =>
    new Promise<IncomingMessage>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const secure = url.protocol === 'https:';
      const send = secure ? httpsRequest : httpRequest;
      const all =
        body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) };
      const request = send(url, { method, headers: all, agent: secure ? agents.https : agents.http });
      const onAbort = (): void => {
        request.destroy();
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      request.on('error', (error) => {
        signal?.removeEventListener('abort', onAbort);
        reject(error);
      });
      request.on('response', (message) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(message);
      });
      request.end(body);
    });
}

/** `get` over Node's lower-cased header object (multi-valued headers joined as fetch does). */
export function headerReader(message: IncomingMessage): Pick<Headers, 'get'> {
  return {
    get(name: string): string | null {
      const value = message.headers[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(', ') : value;
    },
  };
}

/** A reply's status and headers, as a `Response` gives them. */
export function replyHead(message: IncomingMessage): {
  ok: boolean;
  status: number;
  statusText: string;
  headers: Pick<Headers, 'get'>;
} {
  const status = message.statusCode ?? 0;
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: message.statusMessage ?? '',
    headers: headerReader(message),
  };
}

/** A 3xx with somewhere to go. */
export function isRedirect(message: IncomingMessage): boolean {
  const status = message.statusCode ?? 0;
  return status >= 300 && status < 400 && Boolean(message.headers.location);
}
