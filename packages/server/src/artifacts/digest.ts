import { createHash } from 'node:crypto';

/** A manifest entry as far as the artifact digest needs it. */
export interface DigestEntry {
  path: string;
  digest: string;
}

/**
 * The artifact digest: hex MD5 of `"wandb-artifact-manifest-v1\n"` followed by `"<path>:<digest>\n"`
 * for every entry sorted by path (wandb/wandb `wandb/sdk/artifacts/artifact.py`).
 */
export function artifactDigest(entries: readonly DigestEntry[]): string {
  const hash = createHash('md5').update('wandb-artifact-manifest-v1\n');
  const sorted = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const entry of sorted) hash.update(`${entry.path}:${entry.digest}\n`);
  return hash.digest('hex');
}

/** Hex of a base64 MD5 (the blob key and the `{hex}` segment of download URLs). */
export function md5Hex(base64: string): string {
  return Buffer.from(base64, 'base64').toString('hex');
}
