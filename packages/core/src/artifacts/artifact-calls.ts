import {
  artifactCollection,
  artifactCollections,
  artifactTypes,
  artifactVersions,
} from './artifact-listings';
import { runArtifacts } from './run-artifacts';
import { artifactExists, resolveArtifact } from './resolve-artifact';

/**
 * The artifact functions behind `api.artifact()`, `api.artifactTypes()`, `run.loggedArtifacts()`
 * and the rest. The Node `Api` has them; in a page, pass them to `new Api({ artifacts })` where
 * artifacts are wanted, so that pages that never read one do not ship the artifact code (or call
 * the functions, `resolveArtifact(api.context, path)`, directly).
 *
 * @example
 * ```ts
 * import { Api, artifactCalls } from '@wbapi/browser';
 * const api = new Api({ baseUrl, apiKey, artifacts: artifactCalls });
 * const model = await api.artifact('acme/mnist/model:latest');
 * ```
 */
export const artifactCalls: ArtifactCalls = {
  resolveArtifact,
  artifactExists,
  artifactTypes,
  artifactCollections,
  artifactCollection,
  artifactVersions,
  runArtifacts,
};

/** The artifact functions an `Api` calls (see {@link artifactCalls}). */
export interface ArtifactCalls {
  /** See {@link resolveArtifact}. */
  resolveArtifact: typeof resolveArtifact;
  /** See {@link artifactExists}. */
  artifactExists: typeof artifactExists;
  /** See {@link artifactTypes}. */
  artifactTypes: typeof artifactTypes;
  /** See {@link artifactCollections}. */
  artifactCollections: typeof artifactCollections;
  /** See {@link artifactCollection}. */
  artifactCollection: typeof artifactCollection;
  /** See {@link artifactVersions}. */
  artifactVersions: typeof artifactVersions;
  /** See {@link runArtifacts}. */
  runArtifacts: typeof runArtifacts;
}
