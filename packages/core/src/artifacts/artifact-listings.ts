import {
  ArtifactTypeCollectionsDocument,
  ProjectArtifactCollectionDocument,
  ProjectArtifactTypesDocument,
} from '@wbapi/gql';
import type { Session, RequestOptions } from '../session/session';
import { resolveProjectPath } from '../session/resolve-path';
import { NotFoundError } from '../errors/not-found-error';
import { Pager, pageFromConnection } from '../pagination';
import type { Platform } from '../platform';
import type { Artifact } from './artifact';
import { versionsCollection, type ArtifactListOptions, type Located } from './artifact-versions';
import { ArtifactCollection } from './artifact-collection';
import { isRegistryProject, parseArtifactPath } from './artifact-path';
import { resolveOrgEntity } from './organization';

/** An artifact type of a project. */
export interface ArtifactType {
  id: string;
  name: string;
  description: string | null;
  createdAt: string;
}

type Where = { entity: string; project: string };

/** `entity/project` of a project path; registry projects go to the org entity. */
async function projectWhere(
  context: Session,
  path: string | undefined,
  options: RequestOptions,
): Promise<Where> {
  const segments = path?.split('/') ?? [];
  const project = segments.at(-1);
  if (project && isRegistryProject(project)) {
    const org = segments.length === 2 ? segments[0] : undefined;
    return { entity: await resolveOrgEntity(context, org, options), project };
  }
  return resolveProjectPath(context, path, options);
}

/** Artifact types of a project (`entity/project`), page by page. */
export function artifactTypes(
  context: Session,
  project: string | undefined,
  options: ArtifactListOptions = {},
): Pager<ArtifactType> {
  const { perPage = 50, signal, ...call } = options;
  return new Pager(
    async (cursor, pageSignal) => {
      const where = await projectWhere(context, project, call);
      const data = await context.client.request(
        ProjectArtifactTypesDocument,
        { ...where, cursor, perPage },
        { ...call, signal: pageSignal ?? signal },
      );
      if (!data.project) throw new NotFoundError(`Project ${where.entity}/${where.project} not found`);
      return pageFromConnection(data.project.artifactTypes, (node) => ({
        id: node.id,
        name: node.name,
        description: node.description ?? null,
        createdAt: node.createdAt,
      }));
    },
    signal ? { signal } : {},
  );
}

/** Collections of one type in a project, newest first; `length()` is the server's count. */
export function artifactCollections<P extends Platform>(
  context: Session<P>,
  project: string | undefined,
  type: string,
  options: ArtifactListOptions = {},
): Pager<ArtifactCollection<P>> {
  const { perPage = 50, signal, ...call } = options;
  return new Pager(
    async (cursor, pageSignal) => {
      const where = await projectWhere(context, project, call);
      const data = await context.client.request(
        ArtifactTypeCollectionsDocument,
        { ...where, type, cursor, perPage },
        { ...call, signal: pageSignal ?? signal },
      );
      const connection = data.project?.artifactType?.artifactCollections;
      if (!connection)
        throw new NotFoundError(`Could not find artifact type '${type}' in ${where.entity}/${where.project}`);
      const page = pageFromConnection(connection, (node) => node, connection.totalCount);
      // Collections without a project are skipped, as the SDK does.
      const items = page.items.filter((n) => n.project).map((n) => new ArtifactCollection(context, n, where));
      return { ...page, items };
    },
    signal ? { signal } : {},
  );
}

/** One collection by type and path (`entity/project/name`); NotFoundError when missing. */
export async function artifactCollection<P extends Platform>(
  context: Session<P>,
  type: string,
  path: string,
  options: RequestOptions = {},
): Promise<ArtifactCollection<P>> {
  const { where, name } = await collectionWhere(context, path, options);
  const data = await context.client.request(
    ProjectArtifactCollectionDocument,
    { ...where, type, name },
    options,
  );
  const attrs = data.project?.artifactType?.artifactCollection;
  if (!attrs)
    throw new NotFoundError(
      `Could not find artifact collection '${name}' of type '${type}' in ${where.entity}/${where.project}`,
    );
  return new ArtifactCollection(context, attrs, where);
}

async function collectionWhere(context: Session, path: string, options: RequestOptions): Promise<Located> {
  const parsed = parseArtifactPath(path, await context.defaults());
  const where = await projectWhere(
    context,
    parsed.organization
      ? `${parsed.organization}/${parsed.project}`
      : parsed.entity
        ? `${parsed.entity}/${parsed.project}`
        : parsed.project,
    options,
  );
  return { where, name: parsed.collection };
}

/** Versions of the collection at `path` (`entity/project/name`), the SDK's `api.artifacts(type, name)`. */
export function artifactVersions<P extends Platform>(
  context: Session<P>,
  type: string,
  path: string,
  options: ArtifactListOptions = {},
): Pager<Artifact<P>> {
  let located: Promise<Located> | undefined;
  return versionsCollection(
    context,
    () => (located ??= collectionWhere(context, path, options)),
    type,
    options,
  );
}
