import {
  ArtifactFilesDocument,
  ArtifactMembershipFilesDocument,
  type ArtifactFileFieldsFragment,
} from '@wbapi/gql';
import type { RequestOptions } from '../session/session';
import { NotFoundError } from '../errors/not-found-error';
import { pageFromConnection, type Page } from '../pagination';
import type { Artifact } from './artifact';
import { hasFeature } from './features';

/** One page of an artifact's file listing, with the server's count. */
export interface FilesPage {
  totalCount: number | null;
  page: Page<ArtifactFileFieldsFragment>;
}

/** One page of files (F1 through the addressed membership, or F2 on older servers). */
export async function filesPage(
  artifact: Artifact,
  vars: { names: string[] | null; cursor: string | null; perPage: number },
  options: RequestOptions,
): Promise<FilesPage> {
  const { client } = artifact.context;
  const common = { fileNames: vars.names, cursor: vars.cursor, perPage: vars.perPage };
  const where = `${artifact.qualifiedName}`;
  if (await hasFeature(artifact.context, 'ARTIFACT_COLLECTION_MEMBERSHIP_FILES', options)) {
    const data = await client.request(
      ArtifactMembershipFilesDocument,
      {
        entity: artifact.entity,
        project: artifact.project,
        collection: artifact.collectionName,
        alias: artifact.version,
        ...common,
      },
      options,
    );
    const files = data.project?.artifactCollection?.artifactMembership?.files;
    if (!files) throw new NotFoundError(`Unable to fetch files for artifact: ${where}`);
    return {
      totalCount: files.totalCount ?? null,
      page: pageFromConnection(files, (n) => n, files.totalCount),
    };
  }
  const source = artifact.source;
  const data = await client.request(
    ArtifactFilesDocument,
    {
      entity: source.entity,
      project: source.project,
      type: artifact.type,
      name: `${source.collection}:${source.version}`,
      ...common,
    },
    options,
  );
  const files = data.project?.artifactType?.artifact?.files;
  if (!files) throw new NotFoundError(`Unable to fetch files for artifact: ${where}`);
  return {
    totalCount: files.totalCount ?? null,
    page: pageFromConnection(files, (n) => n, files.totalCount),
  };
}

/** A fresh download URL for one file (after the last one expired). */
export async function refreshFileUrl(
  artifact: Artifact,
  name: string,
  options: RequestOptions = {},
): Promise<string> {
  const { page } = await filesPage(artifact, { names: [name], cursor: null, perPage: 1 }, options);
  const attrs = page.items.find((f) => f.name === name);
  if (!attrs) throw new NotFoundError(`Path not contained in artifact ${artifact.qualifiedName}: ${name}`);
  return attrs.directUrl;
}
