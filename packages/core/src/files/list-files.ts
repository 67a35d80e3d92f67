import { RunFilesDocument } from '@wbapi/gql';
import { BadInputError } from '../errors/bad-input-error';
import { NotFoundError } from '../errors/not-found-error';
import { pageFromConnection } from '../pagination/check-page';
import type { Page, PageFetcher } from '../pagination/page';
import { Pager } from '../pagination/pager';
import type { RunRef } from '../paths/refs';
import { runNotFound } from '../runs/run-not-found';
import type { RequestOptions, Session } from '../session/session';
import type { FileAttrs } from './file-attrs';

/** Options of `listFiles()` and `run.files()`. */
export interface FilesOptions extends RequestOptions {
  /** Exact file names; empty or absent lists every file. */
  names?: string[];
  /** A SQL LIKE pattern such as `%.json` (not together with `names`). */
  pattern?: string;
  /** Files per request. @defaultValue 50 */
  perPage?: number;
}

const BOTH_FILTERS =
  'Querying for files by both names and pattern is not supported. Please provide either a list of names or a pattern to match.';

/**
 * The page fetcher of a run's files, mapping each file's attributes with `map`.
 *
 * @throws BadInputError (now) when both `names` and `pattern` are given.
 */
export function filesQuery<T>(
  session: Session,
  run: RunRef,
  options: FilesOptions,
  map: (attrs: FileAttrs) => T,
): PageFetcher<T> {
  const { names = [], pattern, perPage = 50, signal: _signal, ...call } = options;
  if (names.length > 0 && pattern !== undefined && pattern !== null) throw new BadInputError(BOTH_FILTERS);
  return async (cursor, signal): Promise<Page<T>> => {
    const result = await session.client.request(
      RunFilesDocument,
      {
        entity: run.entity,
        project: run.project,
        name: run.id,
        fileCursor: cursor,
        fileLimit: perPage,
        fileNames: names,
        pattern: pattern ?? null,
      },
      { ...call, signal },
    );
    const found = result.project?.run;
    if (!found) throw runNotFound(run);
    return pageFromConnection(found.files, map, found.fileCount ?? 0);
  };
}

/**
 * A run's files (their attributes: name, url, size, md5, ...), page by page; optionally by
 * exact names or a SQL LIKE pattern. `length()` is the run's total file count.
 *
 * @example
 * ```ts
 * for await (const file of listFiles(session, ref, { pattern: '%.json' })) console.log(file.name);
 * ```
 */
export function listFiles(session: Session, run: RunRef, options: FilesOptions = {}): Pager<FileAttrs> {
  return new Pager(
    filesQuery(session, run, options, (attrs) => attrs),
    { signal: options.signal },
  );
}

/**
 * One file of a run by exact name.
 *
 * @throws NotFoundError when the run has no such file (or does not exist).
 */
export async function getFile(
  session: Session,
  run: RunRef,
  name: string,
  options: RequestOptions = {},
): Promise<FileAttrs> {
  const [file] = await listFiles(session, run, { ...options, names: [name], perPage: 1 }).toArray({
    limit: 1,
  });
  if (!file) throw fileNotFound(run, name);
  return file;
}

/** The NotFoundError for a file a run does not have. */
export function fileNotFound(run: RunRef, name: string): NotFoundError {
  return new NotFoundError(`Could not find file ${name} in run ${run.entity}/${run.project}/${run.id}`);
}
