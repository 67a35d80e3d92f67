import {
  ArtifactCreatedByDocument,
  ArtifactUsedByDocument,
  type ArtifactRunFieldsFragment,
} from '@wbapi/gql';
import type { Session, RequestOptions } from '../session/session';
import { NotFoundError } from '../errors/not-found-error';

/** A run in artifact lineage: where to find it, without loading it. */
export interface ArtifactRunRef {
  entity: string;
  project: string;
  /** The run id (its `name` on the server). */
  id: string;
  /** `entity/project/id`, for `api.run(path)`. */
  path: string;
}

function runRef(
  node: ArtifactRunFieldsFragment,
  fallback: { entity: string; project: string },
): ArtifactRunRef {
  const entity = node.project?.entity.name ?? fallback.entity;
  const project = node.project?.name ?? fallback.project;
  return { entity, project, id: node.name, path: `${entity}/${project}/${node.name}` };
}

/** Runs that used an artifact version (L2). */
export async function artifactUsedBy(
  context: Session,
  id: string,
  options: RequestOptions = {},
): Promise<ArtifactRunRef[]> {
  const data = await context.client.request(ArtifactUsedByDocument, { id }, options);
  if (!data.artifact) throw new NotFoundError(`Artifact ${id} not found`);
  return data.artifact.usedBy.edges.flatMap((e) =>
    e.node ? [runRef(e.node, { entity: '', project: '' })] : [],
  );
}

/** The run that logged an artifact version (L3), or null when a user logged it. */
export async function artifactLoggedBy(
  context: Session,
  id: string,
  options: RequestOptions = {},
): Promise<ArtifactRunRef | null> {
  const data = await context.client.request(ArtifactCreatedByDocument, { id }, options);
  if (!data.artifact) throw new NotFoundError(`Artifact ${id} not found`);
  const creator = data.artifact.createdBy;
  return creator?.__typename === 'Run' ? runRef(creator, { entity: '', project: '' }) : null;
}
