import { RunFilesDocument } from '@wbapi/gql';
import { BadInputError, NotFoundError } from '../errors';
import { Collection, pageFromConnection, type Page } from '../pagination';
import type { RequestOptions } from '../api/context';
import type { Platform } from '../platform';
import { describeRun } from '../runs/run-attrs';
import type { Run } from '../runs/run';
import { File } from './file';

/** Options of `run.files()`. */
export interface FilesOptions extends RequestOptions {
  /** Exact file names; empty or absent lists every file. */
  names?: string[];
  /**
   * A SQL LIKE pattern, matched by the server as W&B does (`wandb.Api` `pattern`): `%` is any
   * run of characters and `_` one character, so `%.json` is every JSON file. Not a glob: `*.json`
   * matches only a file literally named `*.json` (the `wbapi` CLI's `--pattern` is a glob).
   * Not together with `names`.
   */
  pattern?: string;
  /** Files per request. @defaultValue 50 */
  perPage?: number;
}

const BOTH_FILTERS =
  'Querying for files by both names and pattern is not supported. Please provide either a list of names or a pattern to match.';

/**
 * A run's files, fetched page by page. `length()` is the run's total file count, whatever
 * `names` or `pattern` select (as in the SDK).
 */
export class Files<P extends Platform = Platform> extends Collection<File<P>> {
  /** The run the files belong to. */
  readonly run: Run<P>;

  /** Prefer `run.files(options)`. Throws BadInputError when both `names` and `pattern` are given. */
  constructor(run: Run<P>, options: FilesOptions = {}) {
    const { names = [], pattern, perPage = 50, signal, ...call } = options;
    if (names.length > 0 && pattern !== undefined && pattern !== null) throw new BadInputError(BOTH_FILTERS);
    super(
      async (cursor, pageSignal): Promise<Page<File<P>>> => {
        const result = await run.context.client.request(
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
          { ...call, signal: pageSignal ?? signal },
        );
        const found = result.project?.run;
        if (!found) {
          throw new NotFoundError(
            `Could not find run ${describeRun(run.entity, run.project, run.id, 'not found')}`,
          );
        }
        return pageFromConnection(found.files, (node) => new File(run.context, node), found.fileCount ?? 0);
      },
      { signal },
    );
    this.run = run;
  }
}
