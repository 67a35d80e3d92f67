import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Python's artifact file cache layout (wandb/wandb `wandb/sdk/artifacts/artifact_file_cache.py`), so that both clients share blobs:
 * stored files at `obj/md5/<hex[0:2]>/<hex[2:]>` (hex of the MD5), http references at
 * `obj/etag/<h[0:2]>/<h[2:]>` with `h = sha256(sha256(url) + sha256(etag))`, temporary files in
 * `tmp`. A blob is a hit when it exists with the expected size (as in Python).
 */
export class ArtifactCache {
  constructor(
    /** The cache folder (`<WANDB_CACHE_DIR>/artifacts`). */
    readonly dir: string,
  ) {}

  /** Folder for temporary files. */
  get tmpDir(): string {
    return join(this.dir, 'tmp');
  }

  /** Path of a stored file by its base64 MD5. */
  md5Path(base64Md5: string): string {
    const hex = Buffer.from(base64Md5, 'base64').toString('hex');
    return join(this.dir, 'obj', 'md5', hex.slice(0, 2), hex.slice(2));
  }

  /** Path of an http reference by URL and ETag. */
  etagPath(url: string, etag: string): string {
    const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest();
    const hex = createHash('sha256')
      .update(Buffer.concat([sha(url), sha(etag)]))
      .digest('hex');
    return join(this.dir, 'obj', 'etag', hex.slice(0, 2), hex.slice(2));
  }

  /** Whether `path` holds a blob of `size` bytes (null size: any). */
  async has(path: string, size: number | null): Promise<boolean> {
    try {
      const info = await stat(path);
      return info.isFile() && (size === null || info.size === size);
    } catch {
      return false;
    }
  }
}
