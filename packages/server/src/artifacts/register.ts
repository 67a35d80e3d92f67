import type { TypeResolvers } from '../resolvers/types';
import {
  aliasResolvers,
  artifactEntityResolvers,
  artifactProjectResolvers,
  artifactQueryResolvers,
  artifactResolvers,
  artifactRunResolvers,
  artifactTypeResolvers,
  artifactUserResolvers,
  collectionResolvers,
  membershipResolvers,
  organizationResolvers,
} from './resolvers';

/** Resolvers of the types artifacts add. */
export const ARTIFACT_RESOLVERS: Record<string, TypeResolvers> = {
  Artifact: artifactResolvers,
  ArtifactType: artifactTypeResolvers,
  ArtifactSequence: collectionResolvers,
  ArtifactPortfolio: collectionResolvers,
  ArtifactAlias: aliasResolvers,
  ArtifactCollectionMembership: membershipResolvers,
  Organization: organizationResolvers,
};

/** Fields artifacts add to existing types. */
const EXTENSIONS: Record<string, TypeResolvers> = {
  Query: artifactQueryResolvers,
  Project: artifactProjectResolvers,
  Run: artifactRunResolvers,
  Entity: artifactEntityResolvers,
  User: artifactUserResolvers,
};

/**
 * `resolvers` with the artifact fields merged into existing types, and `File` resolvers that
 * answer artifact file nodes (whose fields are computed up front) by property.
 */
export function withArtifactResolvers(
  resolvers: Record<string, TypeResolvers>,
): Record<string, TypeResolvers> {
  const merged: Record<string, TypeResolvers> = { ...resolvers };
  for (const [type, fields] of Object.entries(EXTENSIONS)) merged[type] = { ...merged[type], ...fields };
  const file = merged.File ?? {};
  merged.File = Object.fromEntries(
    Object.entries(file).map(([field, resolve]) => [
      field,
      (source: Record<string, unknown>, args, ctx, info) =>
        source.__artifactFile === true ? source[field] : resolve(source, args, ctx, info),
    ]),
  );
  return merged;
}
