import type { Store } from '../store/store';
import { typedId } from '../util/ids';
import { allEntries } from './read';

/** The manifest JSON of a version (wandb/wandb `wandb/sdk/artifacts/artifact_manifests/artifact_manifest_v1.py`): storage layout V2, region `default`. */
export function manifestJson(store: Store, artifactId: number): Record<string, unknown> {
  const contents: Record<string, Record<string, unknown>> = {};
  for (const entry of allEntries(store, artifactId)) {
    contents[entry.path] = {
      digest: entry.digest,
      size: entry.size,
      ...(entry.ref === null ? {} : { ref: entry.ref }),
      ...(entry.birth_artifact_id === null
        ? {}
        : { birthArtifactID: typedId('Artifact', entry.birth_artifact_id) }),
      ...(entry.extra === null ? {} : { extra: JSON.parse(entry.extra) as unknown }),
    };
  }
  return {
    version: 1,
    storagePolicy: 'wandb-storage-policy-v1',
    storagePolicyConfig: { storageLayout: 'V2', storageRegion: 'default' },
    contents,
  };
}
