import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultDecision } from '../faults/faults';
import { parseRange } from './range';
import { sendBody } from './send';

/** Stored bytes to send: inline in SQLite (read by range) or a file on disk. */
export interface StoredBody {
  size: number;
  /** Base64 MD5 of the bytes (`Content-MD5`, and the ETag in hex). */
  md5: string;
  mimetype: string | null;
  /** W&B timestamp of the last change, for `Last-Modified`. */
  updatedAt: string | null;
  diskPath: string | null;
  /** Reads `length` bytes from `start` of inline bytes. */
  readInline(start: number, length: number): Buffer;
}

/**
 * Answers GET/HEAD with stored bytes: `Range` (206 / 416), Content-Length, Content-MD5, ETag;
 * bytes on disk are streamed, never read whole. A `reset` fault sends half and drops the connection.
 */
export async function sendStored(
  req: IncomingMessage,
  res: ServerResponse,
  body: StoredBody,
  fault: FaultDecision,
): Promise<void> {
  const size = body.size;
  const range = parseRange(req.headers.range, size);
  const headers: Record<string, string> = {
    'Content-Type': body.mimetype ?? 'application/octet-stream',
    'Accept-Ranges': 'bytes',
    'Content-MD5': body.md5,
    ETag: `"${Buffer.from(body.md5, 'base64').toString('hex')}"`,
  };
  if (body.updatedAt) headers['Last-Modified'] = new Date(`${body.updatedAt}Z`).toUTCString();
  if (range === 'unsatisfiable') {
    return sendBody(req, res, 416, { 'Content-Range': `bytes */${size}` }, Buffer.alloc(0));
  }
  const start = range?.start ?? 0;
  const end = range?.end ?? size - 1;
  const length = Math.max(0, end - start + 1);
  if (range) headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
  const status = range ? 206 : 200;
  if (!body.diskPath) {
    const bytes = body.readInline(start, length);
    // File bytes are never gzipped: Content-Length and Range refer to the stored bytes.
    headers['Content-Length'] = String(bytes.length);
    res.writeHead(status, headers);
    if (fault.reset) {
      res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.destroy());
      return;
    }
    res.end(req.method === 'HEAD' ? undefined : bytes);
    return;
  }
  headers['Content-Length'] = String(length);
  res.writeHead(status, headers);
  if (req.method === 'HEAD' || length === 0) {
    res.end();
    return;
  }
  const limit = fault.reset ? Math.floor(length / 2) : length;
  const stream = createReadStream(body.diskPath, { start, end: start + Math.max(limit, 1) - 1 });
  await new Promise<void>((resolve) => {
    stream.on('error', () => {
      res.destroy();
      resolve();
    });
    stream.on('end', () => {
      if (fault.reset) res.destroy();
      resolve();
    });
    res.on('close', () => {
      stream.destroy();
      resolve();
    });
    stream.pipe(res, { end: !fault.reset });
  });
}
