import type { IncomingMessage } from 'node:http';

/** What the server received: one HTTP request's line and headers (bodies are not kept). */
export interface ReceivedRequest {
  /** HTTP method, e.g. `POST` or `OPTIONS` (a CORS preflight). */
  method: string;
  /** Path without the query string, e.g. `/graphql`. */
  path: string;
  /** Header names in lower case, each with its value (repeated headers joined with `, `). */
  headers: Record<string, string>;
}

/** The {@link ReceivedRequest} for an incoming message. */
export function receivedRequest(req: IncomingMessage): ReceivedRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return { method: req.method ?? 'GET', path: (req.url ?? '/').split('?')[0] as string, headers };
}
