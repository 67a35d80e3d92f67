import { ArtifactByIdDocument, ArtifactByNameDocument, ArtifactMembershipByNameDocument } from '@wbapi/gql';
import type { Session, RequestOptions } from '../session/session';
import { malformedReply } from '../errors/malformed-reply';
import { BadInputError } from '../errors/bad-input-error';
import { NotFoundError } from '../errors/not-found-error';
import type { Platform } from '../platform';
import { Artifact } from './artifact';
import { isRegistryProject, parseArtifactPath, versionName, type ArtifactPath } from './artifact-path';
import { hasFeature } from './features';
import { resolveOrgEntity } from './organization';

/** Options of `resolveArtifact` (`api.artifact`). */
export interface ResolveArtifactOptions extends RequestOptions {
  /** Expected type: a version of another type is a BadInputError. */
  type?: string;
  /** Organization for registry paths without one (the SDK's `WANDB_ORGANIZATION`). */
  organization?: string;
}

/** Entity, project and collection of a path, with defaults, the viewer's entity and the org entity resolved. */
export async function resolveArtifactPath(
  context: Session,
  path: string,
  options: ResolveArtifactOptions = {},
): Promise<ArtifactPath & { entity: string }> {
  const defaults = await context.defaults();
  const parsed = parseArtifactPath(path, defaults);
  if (isRegistryProject(parsed.project)) {
    const entity = await resolveOrgEntity(context, parsed.organization ?? options.organization, options);
    return { ...parsed, entity };
  }
  const entity = parsed.entity ?? (await context.defaultEntity(options));
  if (!entity)
    throw new BadInputError('entity must be passed as a parameter, or set in settings', {
      missing: 'entity',
    });
  return { ...parsed, entity };
}

/**
 * One artifact version by path (`entity/project/collection:alias`, `project/collection:v3`,
 * `wandb-registry-model/classifier:production`, ...): through its membership (A1) when the
 * server supports it, else by name (A2). Entity and project in the result are those the server
 * returned (canonical names).
 *
 * @throws NotFoundError with the SDK's messages; BadInputError for a bad path or another type.
 */
export async function resolveArtifact<P extends Platform>(
  context: Session<P>,
  path: string,
  options: ResolveArtifactOptions = {},
): Promise<Artifact<P>> {
  const { type, organization, ...call } = options;
  const where = await resolveArtifactPath(context, path, {
    ...call,
    ...(organization ? { organization } : {}),
  });
  const name = versionName(where);
  const vars = { entity: where.entity, project: where.project, name };
  let artifact: Artifact<P>;
  if (await hasFeature(context, 'PROJECT_ARTIFACT_COLLECTION_MEMBERSHIP', call)) {
    const data = await context.client.request(ArtifactMembershipByNameDocument, vars, call);
    if (!data.project)
      throw new NotFoundError(`project '${where.project}' not found under entity '${where.entity}'`);
    const membership = data.project.artifactCollectionMembership;
    if (!membership?.artifact) {
      throw new NotFoundError(
        `artifact membership '${name}' not found in '${where.entity}/${where.project}'`,
      );
    }
    const collection = membership.artifactCollection;
    if (!collection?.project) throw malformedReply('Missing artifact collection project in GraphQL response');
    artifact = new Artifact(
      context,
      membership.artifact,
      {
        entity: collection.project.entity.name,
        project: collection.project.name,
        collection: collection.name,
        alias: where.alias,
        collectionType: collection.__typename,
      },
      { versionIndex: membership.versionIndex, aliases: membership.aliases.map((a) => a.alias) },
    );
  } else {
    const data = await context.client.request(
      ArtifactByNameDocument,
      { ...vars, enableTracking: true },
      call,
    );
    if (!data.project)
      throw new NotFoundError(`project '${where.project}' not found in entity '${where.entity}'`);
    if (!data.project.artifact)
      throw new NotFoundError(`artifact '${name}' not found in '${where.entity}/${where.project}'`);
    const own = data.project.artifact.aliases?.find(
      (a) =>
        a.artifactCollection?.name === where.collection &&
        a.artifactCollection.project?.name === where.project,
    );
    artifact = new Artifact(context, data.project.artifact, {
      entity: where.entity,
      project: where.project,
      collection: where.collection,
      alias: where.alias,
      collectionType: own?.artifactCollection?.__typename ?? 'ArtifactSequence',
    });
  }
  if (type !== undefined && artifact.type !== type) {
    throw new BadInputError(`type ${type} specified but this artifact is of type ${artifact.type}`);
  }
  return artifact;
}

/**
 * Whether a path names a version: true when it resolves, false when it is not found or the path
 * is invalid. Unlike the SDK (false for every failure but a timeout), other failures (network,
 * authentication, timeouts) are thrown rather than reported as absence.
 */
export async function artifactExists(
  context: Session,
  path: string,
  options: ResolveArtifactOptions = {},
): Promise<boolean> {
  try {
    await resolveArtifact(context, path, options);
    return true;
  } catch (error) {
    if (error instanceof NotFoundError || error instanceof BadInputError) return false;
    throw error;
  }
}

/**
 * One artifact version by id (A3), addressed through the sequence it was logged to
 * (`<source entity>/<source project>/<sequence>:v<N>`); null when there is none.
 */
export async function artifactById<P extends Platform>(
  context: Session<P>,
  id: string,
  options: RequestOptions = {},
): Promise<Artifact<P> | null> {
  const data = await context.client.request(ArtifactByIdDocument, { id }, options);
  const attrs = data.artifact;
  if (!attrs) return null;
  const project = attrs.artifactSequence.project;
  if (!project) throw malformedReply('Missing artifact sequence project in GraphQL response');
  return new Artifact(context, attrs, {
    entity: project.entity.name,
    project: project.name,
    collection: attrs.artifactSequence.name,
    alias: `v${attrs.versionIndex ?? 0}`,
    collectionType: 'ArtifactSequence',
  });
}
