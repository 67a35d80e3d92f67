import { ArtifactManifestDocument } from '@wbapi/gql';
import type { RequestOptions } from '../session/session';
import { malformedReply } from '../errors/malformed-reply';
import { AuthenticationError } from '../errors/authentication-error';
import { NotFoundError } from '../errors/not-found-error';
import type { Artifact } from './artifact';

/** One entry of a manifest: a file stored by W&B or a reference to elsewhere. */
export interface ManifestEntry {
  /** Logical POSIX path inside the artifact. */
  path: string;
  /** Base64 MD5 for stored files; for references whatever was recorded (ETag, URL, ...). */
  digest: string;
  /** Size in bytes, or null when not recorded. */
  size: number | null;
  /** Reference URI (`s3://`, `gs://`, `https://`, ...), or null for a stored file. */
  ref: string | null;
  /** Id of the artifact that first uploaded the bytes, or null. */
  birthArtifactId: string | null;
  /** Extra fields of references (`etag`, `versionID`, ...), or null. */
  extra: Record<string, unknown> | null;
}

/** A parsed artifact manifest (wandb/wandb `wandb/sdk/artifacts/artifact_manifests/artifact_manifest_v1.py`). */
export interface ArtifactManifest {
  /** Always 1. */
  version: 1;
  /** Always `wandb-storage-policy-v1`. */
  storagePolicy: string;
  /** `V1` or `V2` (V1 when absent): decides the fallback download URL. */
  storageLayout: 'V1' | 'V2';
  /** Storage region, `default` when absent. */
  storageRegion: string;
  /** Entries by path. */
  entries: ReadonlyMap<string, ManifestEntry>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Validates a manifest's JSON and returns it typed: `version` 1, policy
 * `wandb-storage-policy-v1`, an object of entries each with a string `digest`.
 *
 * @throws MalformedResponseError naming what is wrong.
 */
export function parseManifest(json: unknown): ArtifactManifest {
  if (!isObject(json)) throw malformedReply('artifact manifest is not a JSON object');
  if (json.version !== 1)
    throw malformedReply(`unsupported artifact manifest version ${String(json.version)}`);
  if (json.storagePolicy !== 'wandb-storage-policy-v1') {
    throw malformedReply(`unsupported artifact storage policy ${String(json.storagePolicy)}`);
  }
  const config = isObject(json.storagePolicyConfig) ? json.storagePolicyConfig : {};
  if (!isObject(json.contents)) throw malformedReply('artifact manifest has no contents object');
  const entries = new Map<string, ManifestEntry>();
  for (const [path, raw] of Object.entries(json.contents)) {
    if (!isObject(raw) || typeof raw.digest !== 'string') {
      throw malformedReply(`artifact manifest entry ${JSON.stringify(path)} has no digest`);
    }
    const size = raw.size;
    if (
      size !== undefined &&
      size !== null &&
      (typeof size !== 'number' || !Number.isInteger(size) || size < 0)
    ) {
      throw malformedReply(`artifact manifest entry ${JSON.stringify(path)} has an invalid size`);
    }
    entries.set(path, {
      path,
      digest: raw.digest,
      size: typeof size === 'number' ? size : null,
      ref: typeof raw.ref === 'string' ? raw.ref : null,
      birthArtifactId: typeof raw.birthArtifactID === 'string' ? raw.birthArtifactID : null,
      extra: isObject(raw.extra) ? raw.extra : null,
    });
  }
  return {
    version: 1,
    storagePolicy: json.storagePolicy,
    storageLayout: config.storageLayout === 'V2' ? 'V2' : 'V1',
    storageRegion:
      typeof config.storageRegion === 'string' && config.storageRegion ? config.storageRegion : 'default',
    entries,
  };
}

async function manifestUrl(artifact: Artifact, options: RequestOptions): Promise<string> {
  const data = await artifact.context.client.request(
    ArtifactManifestDocument,
    { id: artifact.id },
    { ...options, cache: false },
  );
  const url = data.artifact?.currentManifest?.file.directUrl;
  if (!url) throw new NotFoundError(`Failed to fetch artifact manifest of ${artifact.qualifiedName}`);
  return url;
}

/**
 * The manifest of a version: its URL (M1), then a GET of that URL (sent without W&B credentials
 * unless it is on the API's origin). An expired URL (401/403) is asked for again once.
 */
export async function fetchArtifactManifest(
  artifact: Artifact,
  options: RequestOptions = {},
): Promise<ArtifactManifest> {
  for (let attempt = 0; ; attempt++) {
    const url = await manifestUrl(artifact, options);
    let text: string;
    try {
      text = await (await artifact.context.client.fetchFile(url, options)).text();
    } catch (error) {
      if (attempt === 0 && error instanceof AuthenticationError) continue;
      throw error;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw malformedReply(`artifact manifest of ${artifact.qualifiedName} is not valid JSON`);
    }
    return parseManifest(json);
  }
}
