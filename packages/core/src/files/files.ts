import { Pager } from '../pagination/pager';
import type { Platform } from '../platform';
import type { RunRef } from '../paths/refs';
import type { Session } from '../session/session';
import { File } from './file';
import { filesQuery, type FilesOptions } from './list-files';

/**
 * A run's files as {@link File} objects, fetched page by page. `length()` is the run's total
 * file count, whatever `names` or `pattern` select (as in the SDK).
 */
export class Files<P extends Platform = Platform> extends Pager<File<P>> {
  /** The run the files belong to. */
  readonly run: RunRef;

  /** Prefer `run.files(options)`. Throws BadInputError when both `names` and `pattern` are given. */
  constructor(session: Session<P>, run: RunRef, options: FilesOptions = {}) {
    super(
      filesQuery(session, run, options, (attrs) => new File(session, attrs)),
      { signal: options.signal },
    );
    this.run = run;
  }
}
