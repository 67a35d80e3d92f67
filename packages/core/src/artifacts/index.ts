/**
 * Artifacts and the registry, read side: paths, capability probing, resolution, listings, files,
 * manifests and lineage, as plain functions over an `Session`, and the `Artifact` class.
 *
 * @packageDocumentation
 */
export {
  parseArtifactPath,
  isRegistryProject,
  versionName,
  REGISTRY_PREFIX,
  type ArtifactPath,
} from './artifact-path';
export { serverFeatures, hasFeature, type ArtifactFeature, type ServerFeatures } from './features';
export { resolveOrgEntity } from './organization';
export {
  resolveArtifact,
  resolveArtifactPath,
  artifactExists,
  artifactById,
  type ResolveArtifactOptions,
} from './resolve-artifact';
export {
  artifactTypes,
  artifactCollections,
  artifactCollection,
  artifactVersions,
  type ArtifactType,
} from './artifact-listings';
export { collectionVersions, type ArtifactListOptions } from './artifact-versions';
export { artifactFiles, artifactFile, fileUrlPages, type ArtifactFilesOptions } from './artifact-files';
export { refreshFileUrl } from './files-page';
export {
  ArtifactFile,
  openArtifactBytes,
  URL_REFRESHES,
  type ArtifactFileAttrs,
  type OpenArtifactBytesOptions,
} from './artifact-file';
export { parseManifest, fetchArtifactManifest, type ArtifactManifest, type ManifestEntry } from './manifest';
export { artifactUsedBy, artifactLoggedBy, type ArtifactRunRef } from './lineage';
export { runArtifacts, type RunArtifactsOptions } from './run-artifacts';
export { Artifact, type ArtifactAttrs, type ArtifactAddress, type MembershipInfo } from './artifact';
export { ArtifactCollection, type ArtifactCollectionAttrs } from './artifact-collection';
export { UnsupportedReferenceError } from './unsupported-reference-error';
export { artifactCalls, type ArtifactCalls } from './artifact-calls';
export { fallbackUrl } from './fallback-url';
