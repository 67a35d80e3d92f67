import {
  ArtifactFilesDocument,
  ArtifactMembershipFilesDocument,
  type ArtifactFileFieldsFragment,
} from '@wbapi/gql';
import type { RequestOptions } from '../session/session';
import { NotFoundError } from '../errors/not-found-error';
import { Pager, pageFromConnection, type Page } from '../pagination';
import type { Platform } from '../platform';
import type { Artifact } from './artifact';
import { ArtifactFile } from './artifact-file';
import { hasFeature } from './features';

/** Options of `artifact.files()`. */
export interface ArtifactFilesOptions extends RequestOptions {
  /** Only these paths. */
  names?: string[];
  /** Files per request. @defaultValue 50 */
  perPage?: number;
}

interface FilesPage {
  totalCount: number | null;
  page: Page<ArtifactFileFieldsFragment>;
}

/** One page of files (F1 through the addressed membership, or F2 on older servers). */
async function filesPage(
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

/** The files of a version, page by page; `length()` is the server's count. */
export function artifactFiles<P extends Platform>(
  artifact: Artifact<P>,
  options: ArtifactFilesOptions = {},
): Pager<ArtifactFile<P>> {
  const { names, perPage = 50, signal, ...call } = options;
  return new Pager(
    async (cursor, pageSignal) => {
      const { page } = await filesPage(
        artifact,
        { names: names ?? null, cursor, perPage },
        { ...call, ...((pageSignal ?? signal) ? { signal: pageSignal ?? signal } : {}) },
      );
      return { ...page, items: page.items.map((attrs) => new ArtifactFile(artifact, attrs)) };
    },
    signal ? { signal } : {},
  );
}

/** One file by path; NotFoundError when the version has no such file. */
export async function artifactFile<P extends Platform>(
  artifact: Artifact<P>,
  name: string,
  options: RequestOptions = {},
): Promise<ArtifactFile<P>> {
  const { page } = await filesPage(
    artifact,
    { names: [name], cursor: null, perPage: 1 },
    { ...options, cache: false },
  );
  const attrs = page.items.find((f) => f.name === name);
  if (!attrs) throw new NotFoundError(`Path not contained in artifact ${artifact.qualifiedName}: ${name}`);
  return new ArtifactFile(artifact, attrs);
}

/** A fresh download URL for one file (after the last one expired). */
export async function refreshFileUrl(
  artifact: Artifact,
  name: string,
  options: RequestOptions = {},
): Promise<string> {
  return (await artifactFile(artifact, name, options)).directUrl;
}

/**
 * Pages of every file with a fresh download URL, for downloads: `perPage` (default 5000, the
 * SDK's batch) files at a time, never from the response cache.
 */
export async function* fileUrlPages<P extends Platform>(
  artifact: Artifact<P>,
  options: RequestOptions & { perPage?: number } = {},
): AsyncGenerator<ArtifactFile<P>[], void, undefined> {
  const { perPage = 5000, ...call } = options;
  let cursor: string | null = null;
  for (;;) {
    const { page } = await filesPage(artifact, { names: null, cursor, perPage }, { ...call, cache: false });
    yield page.items.map((attrs) => new ArtifactFile(artifact, attrs));
    if (!page.hasNextPage) return;
    cursor = page.endCursor;
  }
}
