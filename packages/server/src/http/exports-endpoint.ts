import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HistoryExportRow } from '../exports/export-history';
import { EXPORTS_PATH, type ExportService } from '../exports/export-service';
import type { FaultController, FaultDecision } from '../faults/faults';
import type { Store } from '../store/store';
import { parseRange } from './range';
import { sendBody } from './send';

/** Streams `length` bytes of a file from `start`; with `reset`, half of them and then a dropped connection. */
function streamBytes(
  res: ServerResponse,
  path: string,
  start: number,
  length: number,
  reset: boolean,
): Promise<void> {
  const limit = reset ? Math.floor(length / 2) : length;
  // Reads of up to 1 MiB: a row group's chunks are usually one read and one write, as an object
  // store sends them, rather than 64 KiB pieces through the thread pool.
  const stream = createReadStream(path, {
    start,
    end: start + Math.max(limit, 1) - 1,
    highWaterMark: Math.min(Math.max(limit, 1), 1 << 20),
  });
  return new Promise<void>((resolve) => {
    stream.on('error', () => {
      res.destroy();
      resolve();
    });
    stream.on('end', () => {
      if (reset) res.destroy();
      resolve();
    });
    res.on('close', () => {
      stream.destroy();
      resolve();
    });
    stream.pipe(res, { end: !reset });
  });
}

/**
 * `GET|HEAD /exports/history/<id>/<name>?expires=..&signature=..`: a history export file behind a
 * signed URL, like an object store's: no credentials needed (an `Authorization` header is
 * ignored), 403 once expired or when the signature is wrong, `HEAD` with `Content-Length` and
 * `Accept-Ranges`, `Range` → 206 with `Content-Range`. Fault switches refuse `HEAD` (403) or
 * ignore `Range` (200, whole file).
 */
export async function handleExport(
  req: IncomingMessage,
  res: ServerResponse,
  store: Store,
  exports: ExportService,
  faults: FaultController,
  fault: FaultDecision,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const id = Number(url.pathname.slice(EXPORTS_PATH.length).split('/')[0]);
  const file = Number.isSafeInteger(id)
    ? store.prepare<HistoryExportRow>('SELECT * FROM history_exports WHERE id = ?').get(id)
    : undefined;
  const check = file ? exports.check(file.id, url.searchParams) : 'invalid';
  const denied = (message: string): Promise<void> => {
    const body = Buffer.from(
      `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>${message}</Message></Error>`,
    );
    return sendBody(req, res, 403, { 'Content-Type': 'application/xml' }, body);
  };
  if (!file || check === 'invalid') return denied('Invalid signature');
  if (check === 'expired') return denied('Request has expired');
  if (req.method === 'HEAD' && faults.current.exportHeadRefused)
    return denied('HEAD is not allowed by this signature');
  const size = file.size_bytes;
  const range = faults.current.exportRangeIgnored ? null : parseRange(req.headers.range, size);
  if (range === 'unsatisfiable') {
    return sendBody(req, res, 416, { 'Content-Range': `bytes */${size}` }, Buffer.alloc(0));
  }
  const start = range?.start ?? 0;
  const length = range ? range.end - range.start + 1 : size;
  const headers: Record<string, string> = {
    'Content-Type': 'application/vnd.apache.parquet',
    'Accept-Ranges': 'bytes',
    'Content-Length': String(length),
  };
  if (range) headers['Content-Range'] = `bytes ${range.start}-${range.end}/${size}`;
  res.writeHead(range ? 206 : 200, headers);
  if (req.method === 'HEAD' || length === 0) {
    res.end();
    return;
  }
  await streamBytes(res, file.disk_path, start, length, fault.reset === true);
}
