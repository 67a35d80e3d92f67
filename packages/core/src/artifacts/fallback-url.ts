import type { Session, RequestOptions } from '../session/session';
import type { Artifact } from './artifact';
import { hasFeature } from './features';
import type { ArtifactManifest, ManifestEntry } from './manifest';

/** The API base URL of a context, when it can tell (the Api's session can). */
async function baseUrlOf(context: Session): Promise<string | null> {
  const settings = (context as { settings?: () => Promise<{ baseUrl: string }> }).settings;
  return typeof settings === 'function' ? (await settings.call(context)).baseUrl : null;
}

/**
 * The authenticated download URL of a stored entry on the API's own host (wandb/wandb `wandb/sdk/artifacts/storage_policies/wandb_storage_policy.py`),
 * used when its `directUrl` fails: layout V1 `{base}/artifacts/{entity}/{hex}`; V2 the
 * `/artifactsV2/{region}/...` form the server's features allow. Entity, project and collection
 * are the addressed ones; `hex` is the MD5 in hex. Null for references or without a base URL.
 */
export async function fallbackUrl(
  artifact: Artifact,
  manifest: Pick<ArtifactManifest, 'storageLayout' | 'storageRegion'>,
  entry: ManifestEntry,
  options: RequestOptions = {},
): Promise<string | null> {
  if (entry.ref !== null) return null;
  const base = await baseUrlOf(artifact.context);
  if (!base) return null;
  const q = encodeURIComponent;
  const hex = Array.from(atob(entry.digest), (c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('');
  const { entity, project, collectionName } = artifact;
  if (manifest.storageLayout === 'V1') return `${base}/artifacts/${q(entity)}/${hex}`;
  const birth = q(entry.birthArtifactId ?? '');
  const name = q(entry.path.split('/').at(-1) ?? entry.path);
  const head = `${base}/artifactsV2/${q(manifest.storageRegion)}/${q(entity)}`;
  const context = artifact.context;
  if (await hasFeature(context, 'ARTIFACT_V2_DOWNLOAD_HANDLER_SUPPORTS_ARTIFACT_ID', options)) {
    return `${head}/${q(project)}/${q(collectionName)}/${q(artifact.id)}/${birth}/${hex}/${name}`;
  }
  if (await hasFeature(context, 'ARTIFACT_COLLECTION_MEMBERSHIP_FILE_DOWNLOAD_HANDLER', options)) {
    return `${head}/${q(project)}/${q(collectionName)}/${birth}/${hex}/${name}`;
  }
  return `${head}/${birth}/${hex}`;
}
