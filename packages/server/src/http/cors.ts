import type { IncomingMessage, ServerResponse } from 'node:http';

/** Browser origins allowed to call the server (default: none). */
export interface CorsOptions {
  /** Exact origins such as `http://localhost:5173`, or `'*'` for any origin. */
  origins: string[] | '*';
}

/** Every header wbapi's clients send (keep in step with `packages/core/src/transport`). */
const ALLOW_HEADERS =
  'Authorization, Content-Type, Use-Admin-Privileges, Range, User-Agent, X-WANDB-USERNAME, X-WANDB-USER-EMAIL';
const EXPOSE_HEADERS = 'Content-Length, Content-Range, Retry-After';

function allowedOrigin(req: IncomingMessage, cors: CorsOptions | undefined): string | null {
  const origin = req.headers.origin;
  if (!origin || !cors) return null;
  return cors.origins === '*' || cors.origins.includes(origin) ? origin : null;
}

/** Adds the CORS response headers when the request's origin is allowed. */
export function applyCors(req: IncomingMessage, res: ServerResponse, cors: CorsOptions | undefined): void {
  const origin = allowedOrigin(req, cors);
  if (!origin) return;
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Access-Control-Expose-Headers', EXPOSE_HEADERS);
  res.setHeader('Vary', 'Origin');
}

/** Answers a preflight `OPTIONS` request: 204 with the allowed methods and headers, 403 for other origins. */
export function answerPreflight(
  req: IncomingMessage,
  res: ServerResponse,
  cors: CorsOptions | undefined,
): void {
  const origin = allowedOrigin(req, cors);
  if (!origin) {
    res.writeHead(403, { 'Content-Length': '0' }).end();
    return;
  }
  res
    .writeHead(204, {
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Allow-Methods': 'GET, HEAD, POST, PUT, OPTIONS',
      'Access-Control-Allow-Headers': ALLOW_HEADERS,
      'Access-Control-Max-Age': '600',
      Vary: 'Origin',
      'Content-Length': '0',
    })
    .end();
}
