// What the download tests read back from disk: base64 MD5s and the files under a folder.
import { createHash } from 'node:crypto';
import { type Dirent, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Base64 MD5 of some bytes, as manifests and file listings carry it. */
export const md5 = (bytes: Uint8Array): string => createHash('md5').update(bytes).digest('base64');

/** Every file under `root`, relative, sorted; `[]` when `root` does not exist. */
export function listTree(root: string): string[] {
  if (!existsSync(root)) return [];
  return (readdirSync(root, { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath ?? (d as unknown as { path: string }).path, d.name).slice(root.length + 1))
    .sort();
}
