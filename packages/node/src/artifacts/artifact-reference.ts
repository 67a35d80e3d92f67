import { ChecksumMismatchError, NotFoundError } from '@wbapi/core';
import { artifactById, type Artifact, type ArtifactFile, type ManifestEntry } from '@wbapi/core';

const SCHEME = 'wandb-artifact://';

/** Whether a reference points into another artifact (`wandb-artifact://<hex id>/<path>`). */
export function isArtifactReference(ref: string): boolean {
  return ref.startsWith(SCHEME);
}

/**
 * The file a `wandb-artifact://<hex id>/<path>` reference names (wandb/wandb `wandb/sdk/artifacts/storage_handlers/`): the id is
 * the hex of the artifact id's base64 bytes; the version is fetched by id (A3) and the file by
 * path. Null when either is gone; a file whose MD5 differs from the entry's digest is an error.
 */
export async function referencedFile(
  artifact: Artifact,
  entry: ManifestEntry & { ref: string },
  signal: AbortSignal,
): Promise<ArtifactFile | null> {
  const rest = entry.ref.slice(SCHEME.length);
  const slash = rest.indexOf('/');
  const hex = slash < 0 ? rest : rest.slice(0, slash);
  const path = slash < 0 ? '' : decodeURIComponent(rest.slice(slash + 1));
  if (!/^(?:[0-9a-f]{2})+$/i.test(hex) || !path) return null;
  const id = Buffer.from(hex, 'hex').toString('base64');
  const target = await artifactById(artifact.context, id, { signal });
  if (!target) return null;
  let file: ArtifactFile;
  try {
    file = await target.file(path, { signal });
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
  if (file.md5 !== entry.digest) {
    throw new ChecksumMismatchError(
      `Reference ${entry.path} (${entry.ref}) changed: the manifest records digest ${entry.digest}, the artifact now holds ${String(file.md5)}`,
      { expected: entry.digest, actual: String(file.md5) },
    );
  }
  return file;
}
