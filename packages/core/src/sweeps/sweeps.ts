import { Pager } from '../pagination/pager';
import type { Platform } from '../platform';
import type { ProjectRef } from '../paths/refs';
import type { ApiContext } from '../api/api-context';
import { sweepsQuery, type SweepsOptions } from './list-sweeps';
import { Sweep } from './sweep';

/** A project's sweeps as {@link Sweep} objects, page by page; `length()` is the project's `totalSweeps`. */
export class Sweeps<P extends Platform = Platform> extends Pager<Sweep<P>> {
  /** Prefer `project.sweeps(options)`. */
  constructor(context: ApiContext<P>, project: ProjectRef, options: SweepsOptions = {}) {
    super(
      sweepsQuery(context, project, options, (data) => new Sweep(context, data)),
      { signal: options.signal },
    );
  }
}
