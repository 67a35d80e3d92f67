import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultDecision } from '../faults/faults';
import type { FileRow } from '../store/rows';
import type { Store } from '../store/store';
import { sendUnauthorized, viewerOf } from './auth';
import { sendError } from './send';
import { sendStored } from './send-stored';

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
  return sendStored(
    req,
    res,
    {
      size: file.size_bytes,
      md5: file.md5,
      mimetype: file.mimetype,
      updatedAt: file.updated_at,
      diskPath: file.disk_path,
      readInline: (start, length) =>
        store
          .prepare<{ part: Buffer | null }>('SELECT substr(content, ?, ?) AS part FROM files WHERE id = ?')
          .get(start + 1, length, file.id)?.part ?? Buffer.alloc(0),
    },
    fault,
  );
}
