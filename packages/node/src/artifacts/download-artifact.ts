import { rename, rm } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { ChecksumMismatchError, MalformedResponseError, NotFoundError, type FileSource } from '@wbapi/core';
import { fallbackUrl, fileUrlPages, type Artifact, type ArtifactFile, type ManifestEntry } from '@wbapi/core';
import { downloadToFile } from '../download/download-to-file';
import { targetPath } from '../download/safe-path';
import { ArtifactCache } from './artifact-cache';
import { artifactCacheDir, defaultArtifactRoot, type ArtifactDirsEnv } from './cache-dir';
import { isArtifactReference, referencedFile } from './artifact-reference';
import { fetchReference, type ReferenceFetcher } from './fetch-reference';
import { diskError } from '../download/disk-error';
import { placeFile } from './place-file';
import { runPool, Semaphore } from './pool';
import { downloadInParts } from './ranged-download';

/** Progress of an artifact download. */
export interface ArtifactDownloadProgress {
  /** Bytes downloaded or taken from the cache so far. */
  bytes: number;
  /** Bytes of every file to download. */
  totalBytes: number;
  /** Files done (in the cache or in place). */
  files: number;
  /** Files to download. */
  totalFiles: number;
}

/** Options of `downloadArtifact` (`artifact.download()` on Node). */
export interface ArtifactDownloadOptions extends ArtifactDirsEnv {
  /** Folder to write into. @defaultValue `<WANDB_ARTIFACT_DIR or ./artifacts>/<collection>:v<N>` */
  root?: string;
  /** Only entries whose path starts with this (a plain string prefix, as in the SDK). */
  pathPrefix?: string;
  /** Skip references whose object no longer exists (404) instead of failing. @defaultValue false */
  allowMissingReferences?: boolean;
  /** Files (and Range parts) downloaded at the same time. @defaultValue 8 */
  concurrency?: number;
  /** Download straight into `root`, bypassing the shared cache. @defaultValue false */
  skipCache?: boolean;
  /** The artifact cache folder. @defaultValue `<WANDB_CACHE_DIR or the user cache dir>/wandb/artifacts` */
  cacheDir?: string;
  /** Files of at least this many bytes are fetched in Range parts. @defaultValue 2 GiB */
  multipartThreshold?: number;
  /** Size of a Range part. @defaultValue 100 MiB */
  partSize?: number;
  /** Reads `s3://`, `gs://`, Azure and other references wbapi does not fetch itself. */
  referenceFetcher?: ReferenceFetcher;
  /** Called as bytes arrive and files complete. */
  onProgress?: (progress: ArtifactDownloadProgress) => void;
  /** Called with a message for each skipped missing reference. @defaultValue none */
  onWarning?: (message: string) => void;
  /** Aborts the download; nothing partial is left under `root`. */
  signal?: AbortSignal;
}

/** A manifest entry to download, with where it goes. */
interface Job {
  entry: ManifestEntry;
  dest: string;
  file: ArtifactFile | undefined;
  /** The authenticated URL to fall back on when the direct URL fails for good. */
  fallback?: (() => Promise<string | null>) | undefined;
}

class Tracker {
  readonly state: ArtifactDownloadProgress;
  constructor(
    totalBytes: number,
    totalFiles: number,
    private readonly report: ((p: ArtifactDownloadProgress) => void) | undefined,
  ) {
    this.state = { bytes: 0, totalBytes, files: 0, totalFiles };
  }
  bytes(count: number): void {
    this.state.bytes += count;
    this.report?.({ ...this.state });
  }
  file(): void {
    this.state.files += 1;
    this.report?.({ ...this.state });
  }
}

function checksumError(path: string, expected: string, actual: string): ChecksumMismatchError {
  return new ChecksumMismatchError(
    `Checksum mismatch for ${path}: the manifest says MD5 ${expected}, the downloaded bytes have ${actual}`,
    { expected, actual },
  );
}

/** Lists every file with a fresh URL; a listed name absent from the manifest is an error (as in the SDK). */
async function listFiles(
  artifact: Artifact,
  entries: ReadonlyMap<string, ManifestEntry>,
  signal?: AbortSignal,
) {
  const files = new Map<string, ArtifactFile>();
  for await (const page of fileUrlPages(artifact, signal ? { signal } : {})) {
    for (const file of page) {
      if (!entries.has(file.name)) {
        throw new MalformedResponseError(
          `Path not contained in artifact ${artifact.qualifiedName}: ${file.name}`,
          {
            status: 200,
          },
        );
      }
      files.set(file.name, file);
    }
  }
  return files;
}

/** Downloads one stored file to `target` (the cache blob or, skipping the cache, the destination). */
async function fetchStored(
  job: Job,
  target: string,
  options: ArtifactDownloadOptions,
  tracker: Tracker,
  signal: AbortSignal,
  slots: Semaphore,
): Promise<void> {
  const { entry, file } = job;
  const fallback = job.fallback ? { fallback: job.fallback } : {};
  if (!file) throw new NotFoundError(`The server listed no download URL for ${entry.path}`);
  const size = entry.size ?? file.sizeBytes;
  if (size >= (options.multipartThreshold ?? 2 ** 31)) {
    const { tempPath, md5 } = await downloadInParts(
      ({ offset, end, signal: partSignal }) => file.open({ offset, end, signal: partSignal, ...fallback }),
      target,
      {
        size,
        partSize: options.partSize ?? 100 * 1024 * 1024,
        concurrency: options.concurrency ?? 8,
        signal,
        slots,
        onBytes: (n) => tracker.bytes(n),
      },
    );
    if (md5 !== entry.digest) {
      await rm(tempPath, { force: true });
      throw checksumError(entry.path, entry.digest, md5);
    }
    await rename(tempPath, target);
    return;
  }
  const source: FileSource = {
    ...file.source(),
    name: basename(target),
    md5: entry.digest,
    sizeBytes: size,
    open: (opened = {}) => file.open({ ...opened, ...fallback }),
  };
  let reported = 0;
  try {
    await slots.run(() =>
      downloadToFile(source, {
        root: dirname(target),
        replace: true,
        signal,
        onProgress: ({ bytes }) => {
          tracker.bytes(bytes - reported);
          reported = bytes;
        },
      }),
    );
  } catch (error) {
    if (error instanceof ChecksumMismatchError) throw checksumError(entry.path, error.expected, error.actual);
    throw error;
  }
}

/**
 * Downloads an artifact version into `root` (wandb/wandb `wandb/sdk/artifacts/artifact.py` `download`): the manifest, then fresh download
 * URLs page by page, then every entry with bounded concurrency. Each stored file is checked
 * against its manifest MD5 as it streams (large files come in Range parts, checked once
 * assembled), an expired URL is fetched again, and blobs go through the cache Python uses
 * (`obj/md5/...`), so a blob either client downloaded is not downloaded again. Only when every
 * file is in the cache are they copied into `root`, each through a temporary file and a rename:
 * a failure leaves no partial file under `root`. Entry paths are checked before anything is
 * written, so nothing lands outside `root`. References: `http(s)` are fetched (ETag checked),
 * `wandb-artifact://` ones followed into the referenced version, others need a
 * `referenceFetcher`. Returns the absolute `root`.
 *
 * @throws UnsafePathError, ChecksumMismatchError (naming the file and both digests),
 *   UnsupportedReferenceError, NotFoundError, NetworkError, HttpError, FileSystemError (a root
 *   that cannot be written, the system error as `cause`), or the signal's reason.
 */
export async function downloadArtifact(
  artifact: Artifact,
  options: ArtifactDownloadOptions = {},
): Promise<string> {
  const root = resolve(options.root ?? defaultArtifactRoot(artifact.sourceName, options));
  const { signal } = options;
  const manifest = await artifact.manifest(signal ? { signal } : {});
  const prefix = options.pathPrefix ?? '';
  const wanted = [...manifest.entries.values()].filter((e) => e.path.startsWith(prefix));
  const dests = new Map(wanted.map((e) => [e.path, targetPath(root, e.path)]));
  const files = await listFiles(artifact, manifest.entries, signal);
  const jobs: Job[] = wanted.map((entry) => ({
    entry,
    dest: dests.get(entry.path) as string,
    file: files.get(entry.path),
    fallback: () => fallbackUrl(artifact, manifest, entry, signal ? { signal } : {}),
  }));
  const tracker = new Tracker(
    wanted.reduce((n, e) => n + (e.size ?? 0), 0),
    wanted.length,
    options.onProgress,
  );
  const cache = new ArtifactCache(options.cacheDir ?? artifactCacheDir(options));
  const staged: { job: Job; from: string }[] = [];
  // Every request (a whole file, a Range part, a reference) holds one of these slots.
  const slots = new Semaphore(options.concurrency ?? 8);
  const missing = (entry: ManifestEntry): void => {
    if (!options.allowMissingReferences) {
      throw new NotFoundError(
        `Reference ${entry.ref} of ${entry.path} does not exist (pass allowMissingReferences to skip it)`,
      );
    }
    options.onWarning?.(`Skipped missing reference ${entry.path} (${entry.ref})`);
  };
  /** A stored file's verified blob in the cache: a hit by size, else downloaded. */
  const intoCache = async (job: Job, jobSignal: AbortSignal): Promise<string> => {
    const blob = cache.md5Path(job.entry.digest);
    if (await cache.has(blob, job.entry.size)) tracker.bytes(job.entry.size ?? 0);
    else await fetchStored(job, blob, options, tracker, jobSignal, slots);
    return blob;
  };
  await runPool(
    jobs,
    options.concurrency ?? 8,
    async (job, jobSignal) => {
      const { entry } = job;
      if (entry.ref !== null && isArtifactReference(entry.ref)) {
        const file = await referencedFile(artifact, { ...entry, ref: entry.ref }, jobSignal);
        if (file === null) missing(entry);
        else {
          const stored: Job = { entry: { ...entry, ref: null, size: file.sizeBytes }, dest: job.dest, file };
          staged.push({ job: stored, from: await intoCache(stored, jobSignal) });
        }
      } else if (entry.ref !== null) {
        const from = await slots.run(() =>
          fetchReference(
            artifact,
            { ...entry, ref: entry.ref as string },
            cache,
            options.referenceFetcher,
            jobSignal,
          ),
        );
        if (from === null) missing(entry);
        else {
          tracker.bytes(entry.size ?? 0);
          staged.push({ job, from });
        }
      } else if (options.skipCache) {
        await fetchStored(job, job.dest, options, tracker, jobSignal, slots);
      } else {
        staged.push({ job, from: await intoCache(job, jobSignal) });
      }
      tracker.file();
    },
    signal,
  );
  // Everything is verified in the cache: only now is root touched.
  await runPool(
    staged,
    options.concurrency ?? 8,
    ({ job, from }) =>
      placeFile(from, job.dest, root, {
        path: job.entry.path,
        size: job.entry.size ?? 0,
        md5: job.entry.ref === null ? job.entry.digest : null,
      }).catch((error: unknown) => {
        throw diskError(error, 'write', job.dest);
      }),
    signal,
  );
  return root;
}
