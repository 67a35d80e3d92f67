import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeWebStream } from 'node:stream/web';
import { ChecksumMismatchError, NotFoundError } from '@wbapi/core';
import { UnsupportedReferenceError, type Artifact, type ManifestEntry } from '@wbapi/core';
import type { ArtifactCache } from './artifact-cache';

/**
 * Reads a reference wbapi does not fetch itself (`s3://`, `gs://`, Azure, ...): resolves with its
 * bytes, or null when the object does not exist. Use your cloud SDK; W&B credentials are not involved.
 */
export type ReferenceFetcher = (
  entry: ManifestEntry & { ref: string },
  signal: AbortSignal,
) => Promise<ReadableStream<Uint8Array> | Uint8Array | null>;

/** Writes bytes to `target` through a temporary file in `tmpDir`, then renames. */
async function writeAtomically(
  tmpDir: string,
  target: string,
  bytes: ReadableStream<Uint8Array> | Uint8Array,
): Promise<void> {
  await mkdir(tmpDir, { recursive: true });
  await mkdir(dirname(target), { recursive: true });
  const temp = join(tmpDir, randomBytes(8).toString('hex'));
  try {
    const source =
      bytes instanceof Uint8Array
        ? Readable.from([bytes])
        : Readable.fromWeb(bytes as unknown as NodeWebStream<Uint8Array>);
    await pipeline(source, createWriteStream(temp, { flags: 'wx' }));
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** An ETag without quotes or the weak prefix. */
function plainEtag(header: string | null): string | null {
  return header === null ? null : header.replace(/^W\//, '').replace(/"/g, '');
}

/**
 * Fetches a reference entry into the cache (wandb/wandb `wandb/sdk/artifacts/storage_handlers/`): `http(s)` with a GET (no W&B
 * credentials off the API's origin), whose ETag (or URL when there is none) must equal the entry's
 * digest; other schemes through `fetcher`, else {@link UnsupportedReferenceError}. Resolves with
 * the cached path, or null when the object is missing (404, or the fetcher's null).
 */
export async function fetchReference(
  artifact: Artifact,
  entry: ManifestEntry & { ref: string },
  cache: ArtifactCache,
  fetcher: ReferenceFetcher | undefined,
  signal: AbortSignal,
): Promise<string | null> {
  const scheme = entry.ref.slice(0, Math.max(0, entry.ref.indexOf(':'))).toLowerCase();
  if (scheme === 'http' || scheme === 'https') {
    let response: Response;
    try {
      response = await artifact.context.client.fetchFile(entry.ref, { signal });
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
    const digest = plainEtag(response.headers.get('etag')) ?? entry.ref;
    if (digest !== entry.digest) {
      await response.body?.cancel().catch(() => undefined);
      throw new ChecksumMismatchError(
        `Reference ${entry.path} (${entry.ref}) changed: the manifest records digest ${entry.digest}, the server now reports ${digest}`,
        { expected: entry.digest, actual: digest },
      );
    }
    const target = cache.etagPath(entry.ref, digest);
    if (await cache.has(target, entry.size)) {
      await response.body?.cancel().catch(() => undefined);
      return target;
    }
    if (!response.body) throw new NotFoundError(`Reference ${entry.ref} has no body`);
    await writeAtomically(cache.tmpDir, target, response.body);
    return target;
  }
  if (!fetcher) {
    throw new UnsupportedReferenceError(
      `Cannot download ${entry.path}: ${scheme || 'unknown'} references (${entry.ref}) need a referenceFetcher`,
      { path: entry.path, ref: entry.ref },
    );
  }
  const target = cache.etagPath(entry.ref, entry.digest);
  if (await cache.has(target, entry.size)) return target;
  const bytes = await fetcher(entry, signal);
  if (bytes === null) return null;
  await writeAtomically(cache.tmpDir, target, bytes);
  return target;
}
