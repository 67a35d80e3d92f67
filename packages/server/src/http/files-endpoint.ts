import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultDecision } from '../faults/faults';
import type { FileRow } from '../store/rows';
import type { Store } from '../store/store';
import { sendUnauthorized, viewerOf } from './auth';
import { parseRange } from './range';
import { sendBody, sendError } from './send';

type StoredFile = FileRow & { entity: string; project: string; run: string };

function findFile(store: Store, pathname: string): StoredFile | null {
  const segments = pathname.split('/').slice(2);
  if (segments.length < 4) return null;
  let decoded: string[];
  try {
    decoded = segments.map(decodeURIComponent);
  } catch {
    return null;
  }
  const [entity, project, run, ...name] = decoded as [string, string, string, ...string[]];
  const row = store
    .prepare<FileRow>(
      `SELECT f.id, f.run_id, f.name, f.mimetype, f.size_bytes, f.md5, f.updated_at, f.disk_path
       FROM files f JOIN runs r ON r.id = f.run_id JOIN projects p ON p.id = r.project_id
       WHERE p.entity_name = ? AND p.name = ? AND r.name = ? AND f.name = ?`,
    )
    .get(entity, project, run, name.join('/'));
  return row ? { ...row, entity, project, run } : null;
}

/**
 * `GET|HEAD /files/{entity}/{project}/{run}/{name}`: a file's bytes behind the same Basic auth as
 * GraphQL, with `Range` (206 / 416), Content-Length and the base64 MD5 in `Content-MD5`. Bytes on
 * disk are streamed, never read whole.
 */
export async function handleFile(
  req: IncomingMessage,
  res: ServerResponse,
  store: Store,
  pathname: string,
  fault: FaultDecision,
): Promise<void> {
  if (!viewerOf(req, store)) return sendUnauthorized(req, res);
  const file = findFile(store, pathname);
  if (!file) return sendError(req, res, 404, 'File not found');
  const size = file.size_bytes;
  const range = parseRange(req.headers.range, size);
  const headers: Record<string, string> = {
    'Content-Type': file.mimetype ?? 'application/octet-stream',
    'Accept-Ranges': 'bytes',
    'Content-MD5': file.md5,
    ETag: `"${Buffer.from(file.md5, 'base64').toString('hex')}"`,
    'Last-Modified': new Date(`${file.updated_at}Z`).toUTCString(),
  };
  if (range === 'unsatisfiable') {
    return sendBody(req, res, 416, { 'Content-Range': `bytes */${size}` }, Buffer.alloc(0));
  }
  const start = range?.start ?? 0;
  const end = range?.end ?? size - 1;
  const length = Math.max(0, end - start + 1);
  if (range) headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
  const status = range ? 206 : 200;
  if (!file.disk_path) {
    const row = store
      .prepare<{ part: Buffer | null }>('SELECT substr(content, ?, ?) AS part FROM files WHERE id = ?')
      .get(start + 1, length, file.id);
    const bytes = row?.part ?? Buffer.alloc(0);
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
  const stream = createReadStream(file.disk_path, { start, end: start + Math.max(limit, 1) - 1 });
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
