import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultDecision } from '../faults/faults';
import { sendUnauthorized, viewerOf } from '../http/auth';
import { sendError, sendJson } from '../http/send';
import { sendStored } from '../http/send-stored';
import type { Store } from '../store/store';
import { manifestJson } from './manifest';
import { artifactById } from './read';
import type { BlobRow } from './rows';

const SIGNED_FILES = '/artifact-files/';
const SIGNED_MANIFESTS = '/artifact-manifests/';
const FALLBACK_V1 = '/artifacts/';
const FALLBACK_V2 = '/artifactsV2/';

/** Whether a path is one of the artifact download routes. */
export function isArtifactPath(pathname: string): boolean {
  return [SIGNED_FILES, SIGNED_MANIFESTS, FALLBACK_V1, FALLBACK_V2].some((prefix) =>
    pathname.startsWith(prefix),
  );
}

function blobByHex(store: Store, hex: string): Omit<BlobRow, 'content'> | undefined {
  return store
    .prepare<Omit<BlobRow, 'content'>>('SELECT hex, size, disk_path FROM artifact_blobs WHERE hex = ?')
    .get(hex);
}

function sendBlob(
  req: IncomingMessage,
  res: ServerResponse,
  store: Store,
  blob: Omit<BlobRow, 'content'>,
  fault: FaultDecision,
): Promise<void> {
  return sendStored(
    req,
    res,
    {
      size: blob.size,
      md5: Buffer.from(blob.hex, 'hex').toString('base64'),
      mimetype: null,
      updatedAt: null,
      diskPath: blob.disk_path,
      readInline: (start, length) =>
        store
          .prepare<{ part: Buffer | null }>(
            'SELECT substr(content, ?, ?) AS part FROM artifact_blobs WHERE hex = ?',
          )
          .get(start + 1, length, blob.hex)?.part ?? Buffer.alloc(0),
    },
    fault,
  );
}

function signatureRefusal(
  req: IncomingMessage,
  res: ServerResponse,
  store: Store,
  pathname: string,
  query: URLSearchParams,
): Promise<void> | null {
  const check = store.artifacts.urls.verify(pathname, query);
  if (check === 'ok') return null;
  req.resume();
  return sendError(req, res, 403, check === 'expired' ? 'Request has expired' : 'Signature does not match');
}

/** The blob a fallback URL names: its last segment of 32 hex digits that is a stored blob. */
function fallbackBlob(store: Store, pathname: string): Omit<BlobRow, 'content'> | undefined {
  const segments = pathname.split('/').filter(Boolean).slice(1).reverse();
  for (const segment of segments) {
    if (/^[0-9a-f]{32}$/.test(segment)) {
      const blob = blobByHex(store, segment);
      if (blob) return blob;
    }
  }
  return undefined;
}

/**
 * Artifact bytes (wandb/wandb `wandb/sdk/artifacts/storage_policies/wandb_storage_policy.py`): `GET|HEAD /artifact-files/{hex}/{name}` and
 * `/artifact-manifests/{id}` at signed URLs without credentials (403 when expired or tampered
 * with); the fallback routes `/artifacts/{entity}/{hex}` and `/artifactsV2/.../{hex}[/{name}]`
 * behind Basic auth, answered with the bytes. `Range` gives 206.
 */
export async function handleArtifactRequest(
  req: IncomingMessage,
  res: ServerResponse,
  store: Store,
  url: URL,
  fault: FaultDecision,
): Promise<void> {
  const pathname = url.pathname;
  if (pathname.startsWith(SIGNED_FILES) || pathname.startsWith(SIGNED_MANIFESTS)) {
    const refused = signatureRefusal(req, res, store, pathname, url.searchParams);
    if (refused) return refused;
    if (pathname.startsWith(SIGNED_MANIFESTS)) {
      const artifact = artifactById(store, Number(pathname.slice(SIGNED_MANIFESTS.length)));
      if (!artifact) return sendError(req, res, 404, 'Manifest not found');
      return sendJson(req, res, 200, manifestJson(store, artifact.id), {}, fault.reset === true);
    }
    const hex = pathname.slice(SIGNED_FILES.length).split('/')[0] ?? '';
    const blob = blobByHex(store, hex);
    if (!blob) return sendError(req, res, 404, 'File not found');
    return sendBlob(req, res, store, blob, fault);
  }
  if (!viewerOf(req, store)) return sendUnauthorized(req, res);
  const blob = fallbackBlob(store, pathname);
  if (!blob) return sendError(req, res, 404, 'File not found');
  return sendBlob(req, res, store, blob, fault);
}
