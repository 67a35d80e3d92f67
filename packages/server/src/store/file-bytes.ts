import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** Files up to this size are kept in SQLite; bigger or streamed files go to the files folder. */
export const INLINE_FILE_LIMIT = 1 << 20;

/** Where a file's bytes ended up, with their size and base64 MD5. */
export interface StoredBytes {
  content: Buffer | null;
  diskPath: string | null;
  size: number;
  md5: string;
}

/**
 * Stores file bytes: small buffers inline, large ones or chunk generators streamed to
 * `<filesDir>/<key>` while hashing, so a 1 GB file never sits in memory.
 */
export function storeBytes(
  filesDir: string,
  key: string,
  bytes: Uint8Array | (() => Iterable<Uint8Array>),
): StoredBytes {
  const hash = createHash('md5');
  if (bytes instanceof Uint8Array && bytes.byteLength <= INLINE_FILE_LIMIT) {
    hash.update(bytes);
    return {
      content: Buffer.from(bytes),
      diskPath: null,
      size: bytes.byteLength,
      md5: hash.digest('base64'),
    };
  }
  mkdirSync(filesDir, { recursive: true });
  const diskPath = join(filesDir, key);
  const fd = openSync(diskPath, 'w');
  let size = 0;
  try {
    const chunks = bytes instanceof Uint8Array ? [bytes] : bytes();
    for (const chunk of chunks) {
      hash.update(chunk);
      let written = 0;
      while (written < chunk.byteLength) written += writeSync(fd, chunk, written);
      size += chunk.byteLength;
    }
  } finally {
    closeSync(fd);
  }
  return { content: null, diskPath, size, md5: hash.digest('base64') };
}
