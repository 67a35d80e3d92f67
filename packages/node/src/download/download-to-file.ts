import { randomBytes } from 'node:crypto';
import { link, open, mkdir, rename, rm, stat, realpath } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import {
  ChecksumMismatchError,
  FileExistsError,
  NetworkError,
  UnsafePathError,
  type FileSource,
  type OpenedFile,
} from '@wbapi/core';
import { diskError } from './disk-error';
import { createMd5Hasher, NO_MD5 } from './md5-hasher';
import { PartFile } from './part-file';
import { isInside, targetPath } from './safe-path';

/** Progress of a download. */
export interface DownloadProgress {
  /** Bytes written so far. */
  bytes: number;
  /** Size of the whole file when known, else `null`. */
  totalBytes: number | null;
}

/** Options of `file.download()` on Node. */
export interface NodeDownloadOptions {
  /** Folder the file name is resolved against. @defaultValue `'.'` */
  root?: string;
  /** Overwrite an existing file. When false, an existing target is an error and is left untouched. @defaultValue false */
  replace?: boolean;
  /** Called after each write to disk (one write may hold several chunks received meanwhile). */
  onProgress?: (progress: DownloadProgress) => void;
  /** Aborts the download; the partial file is removed. */
  signal?: AbortSignal;
  /** How many times a connection dropped mid-body is resumed with a Range request. @defaultValue 5 */
  maxResumes?: number;
  /**
   * Check the bytes against the MD5 the server lists. Turn off for files that may change while a
   * run is live (the listed MD5 can then lag behind the bytes); no real W&B client checks it.
   * @defaultValue true
   */
  verify?: boolean;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

// Symlinked folders inside root could still lead elsewhere: compare real paths once created.
async function checkRealFolder(root: string, folder: string, name: string): Promise<void> {
  const [realRoot, realFolder] = await Promise.all([realpath(root), realpath(folder)]);
  if (realFolder !== realRoot && !isInside(realRoot, realFolder)) {
    throw new UnsafePathError(
      `Unsafe file name ${JSON.stringify(name)}: resolves outside the download folder`,
      {
        path: name,
      },
    );
  }
}

function existsError(target: string): FileExistsError {
  return new FileExistsError(`File already exists: ${target} (pass replace: true to overwrite)`, {
    path: target,
  });
}

// Without `replace`, a hard link fails if the target appeared during the download, so a file
// created meanwhile is never overwritten; with it, rename replaces atomically.
async function moveIntoPlace(partPath: string, target: string, replace: boolean): Promise<void> {
  if (replace) return rename(partPath, target);
  try {
    await link(partPath, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw existsError(target);
    throw error;
  }
  await rm(partPath, { force: true });
}

/** The body stream failed mid-way (a dropped connection): the one failure a Range request can resume. */
class BodyDropped {
  constructor(readonly cause: unknown) {}
}

/**
 * Copies a body into the part file; true when it ran to the announced size (or no size was
 * announced). A failure to read the body rejects with {@link BodyDropped}; a failure to write or
 * hash (disk full, I/O error) rejects as it is.
 */
async function copyBody(opened: OpenedFile, part: PartFile, options: NodeDownloadOptions): Promise<boolean> {
  const reader = opened.body.getReader();
  const { onProgress } = options;
  part.onWritten = onProgress && ((bytes) => onProgress({ bytes, totalBytes: opened.totalBytes }));
  try {
    for (;;) {
      const { done, value } = await reader.read().catch((error: unknown) => {
        throw new BodyDropped(error);
      });
      if (done) break;
      await part.write(value);
    }
  } finally {
    reader.releaseLock();
  }
  await part.flush();
  return opened.totalBytes === null || part.written >= opened.totalBytes;
}

async function fill(source: FileSource, part: PartFile, options: NodeDownloadOptions): Promise<void> {
  const maxResumes = options.maxResumes ?? 5;
  const signal = options.signal ? { signal: options.signal } : {};
  for (let resumes = 0; ; resumes++) {
    options.signal?.throwIfAborted();
    // Failures to open are final: the transport already retried them.
    const opened = await source.open({ offset: part.written, ...signal });
    if (opened.offset !== part.written) {
      if (opened.offset !== 0) {
        await opened.body.cancel().catch(() => undefined);
        throw new NetworkError(`Server resumed ${source.name} at byte ${opened.offset}, not ${part.written}`);
      }
      await part.restart(); // the server ignored Range and sent the whole file: start over
    }
    let failure: unknown;
    try {
      if (await copyBody(opened, part, options)) return;
    } catch (error) {
      options.signal?.throwIfAborted();
      // Only a dropped body is resumed: a disk that cannot take the bytes will not take them later.
      if (!(error instanceof BodyDropped)) throw error;
      failure = error.cause;
      // What arrived before the drop is good: write it, so that the resume asks for less.
      await part.flush();
    }
    if (resumes >= maxResumes) {
      throw new NetworkError(`Download of ${source.name} failed after ${resumes} resumes`, {
        cause: failure,
      });
    }
  }
}

/**
 * Downloads a run file to disk: validates the name, streams the bytes to a temporary
 * `.<name>.<random>.part` file beside the target (memory stays flat; the next chunks are read
 * while the last ones are written), resumes a dropped connection with a Range request, checks the
 * MD5 when the server gives one and `verify` is not false (hashed as the chunks are written),
 * then renames the file into place. Returns the absolute path.
 *
 * @throws UnsafePathError, FileExistsError, ChecksumMismatchError, NetworkError, FileSystemError
 *   (a root that is a file, no permission, a full disk: the system error as `cause`), or the
 *   signal's reason when aborted.
 */
export async function downloadToFile(source: FileSource, options: NodeDownloadOptions = {}): Promise<string> {
  const root = resolve(options.root ?? '.');
  const target = targetPath(root, source.name);
  if (!options.replace && (await exists(target))) {
    throw existsError(target);
  }
  options.signal?.throwIfAborted();
  const folder = dirname(target);
  await mkdir(folder, { recursive: true }).catch((error: unknown) => {
    throw diskError(error, 'create the folder', folder);
  });
  await checkRealFolder(root, folder, source.name);
  const partPath = join(folder, `.${basename(target)}.${randomBytes(6).toString('hex')}.part`);
  const expected = options.verify === false ? null : source.md5 || null;
  const hasher = expected ? createMd5Hasher(source.sizeBytes) : NO_MD5;
  const handle = await open(partPath, 'wx').catch((error: unknown) => {
    throw diskError(error, 'create', partPath);
  });
  const part = new PartFile(partPath, handle, hasher);
  try {
    await fill(source, part, options);
    const actual = await part.md5();
    await part.close();
    if (expected && actual !== expected) {
      throw new ChecksumMismatchError(
        `MD5 of ${source.name} is ${actual}, the server lists ${expected} (pass { verify: false } to skip the check for files that change while a run is live)`,
        { expected, actual },
      );
    }
    await moveIntoPlace(partPath, target, options.replace ?? false);
    return target;
  } catch (error) {
    await part.close().catch(() => undefined);
    await rm(partPath, { force: true });
    throw diskError(error, 'write', target);
  }
}
