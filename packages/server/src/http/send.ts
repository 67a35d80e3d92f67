import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzip } from 'node:zlib';
import type { Drip } from '../faults/faults';
import { stringifyWandbJson } from '../util/wandb-json';

/** Bodies smaller than this are never compressed. */
export const GZIP_MIN_BYTES = 1024;

function acceptsGzip(req: IncomingMessage): boolean {
  const header = req.headers['accept-encoding'];
  return typeof header === 'string' && /\bgzip\b/i.test(header);
}

function gzipAsync(body: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    gzip(body, { level: 1 }, (error, out) => (error ? reject(error) : resolve(out))),
  );
}

/**
 * Sends a whole body in one write (headers included) with its Content-Length; gzip (fast level)
 * when the client asks for it and the body is big enough. With `reset`, sends about half of the
 * body and then destroys the connection, as a dropped connection would; with `drip`, sends it in
 * pieces with a wait before each.
 */
export async function sendBody(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: Buffer,
  reset = false,
  drip?: Drip,
): Promise<void> {
  let payload = body;
  const all: Record<string, string> = { ...headers };
  if (req.method !== 'HEAD' && body.length >= GZIP_MIN_BYTES && acceptsGzip(req)) {
    payload = await gzipAsync(body);
    all['Content-Encoding'] = 'gzip';
    all.Vary = all.Vary ? `${all.Vary}, Accept-Encoding` : 'Accept-Encoding';
  }
  all['Content-Length'] = String(payload.length);
  res.writeHead(status, all);
  if (reset) {
    res.write(payload.subarray(0, Math.floor(payload.length / 2)), () => res.destroy());
    return;
  }
  if (drip && req.method !== 'HEAD') return dripBody(res, payload, drip);
  res.end(req.method === 'HEAD' ? undefined : payload);
}

/** Writes `payload` in `drip.chunks` pieces, waiting `drip.delayMs` before each; stops if the client leaves. */
async function dripBody(res: ServerResponse, payload: Buffer, drip: Drip): Promise<void> {
  const size = Math.ceil(payload.length / drip.chunks);
  for (let start = 0; start < payload.length; start += size) {
    await new Promise((resolve) => setTimeout(resolve, drip.delayMs));
    if (res.destroyed) return;
    res.write(payload.subarray(start, start + size));
  }
  res.end();
}

/** Sends a JSON value (W&B dialect: NaN/Infinity as tokens). */
export function sendJson(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
  reset = false,
  drip?: Drip,
): Promise<void> {
  const body = Buffer.from(stringifyWandbJson(value), 'utf8');
  return sendBody(
    req,
    res,
    status,
    { 'Content-Type': 'application/json; charset=utf-8', ...headers },
    body,
    reset,
    drip,
  );
}

/** Sends `{"errors":[{"message"}]}` with a status. */
export function sendError(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): Promise<void> {
  return sendJson(req, res, status, { errors: [{ message }] }, headers);
}
