import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, mkdir, realpath, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UnsafePathError } from '@wbapi/core';
import { isInside } from '../download/safe-path';
import { md5OfFile } from './md5-of-file';

/** Whether `path` already holds `size` bytes whose MD5 is `md5` (null: size alone decides). */
export async function holds(path: string, size: number, md5: string | null): Promise<boolean> {
  try {
    const info = await stat(path);
    if (!info.isFile() || info.size !== size) return false;
  } catch {
    return false;
  }
  return md5 === null || (await md5OfFile(path)) === md5;
}

/** Creates `folder` and checks that, symlinks resolved, it still lies under `root`. */
export async function ensureFolderInside(root: string, folder: string, name: string): Promise<void> {
  await mkdir(folder, { recursive: true });
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

/**
 * Copies a cached blob to `dest` atomically (a temporary file beside it, then a rename), unless
 * `dest` already holds the same bytes.
 */
export async function placeFile(
  from: string,
  dest: string,
  root: string,
  entry: { path: string; size: number; md5: string | null },
): Promise<void> {
  if (await holds(dest, entry.size, entry.md5)) return;
  await ensureFolderInside(root, dirname(dest), entry.path);
  const temp = join(dirname(dest), `.${basename(dest)}.${randomBytes(6).toString('hex')}.part`);
  try {
    // A copy-on-write clone where the file system has them (btrfs, XFS, APFS), else a copy.
    await copyFile(from, temp, constants.COPYFILE_FICLONE);
    await rename(temp, dest);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
