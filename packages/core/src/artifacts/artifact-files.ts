import type { RequestOptions } from '../session/session';
import { NotFoundError } from '../errors/not-found-error';
import { Pager } from '../pagination';
import type { Platform } from '../platform';
import type { Artifact } from './artifact';
import { ArtifactFile } from './artifact-file';
import { filesPage } from './files-page';

/** Options of `artifact.files()`. */
export interface ArtifactFilesOptions extends RequestOptions {
  /** Only these paths. */
  names?: string[];
  /** Files per request. @defaultValue 50 */
  perPage?: number;
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
