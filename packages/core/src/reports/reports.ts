import type { ApiContext } from '../api/api-context';
import { Pager } from '../pagination/pager';
import type { ProjectRef } from '../paths/refs';
import type { Platform } from '../platform';
import { BetaReport } from './beta-report';
import { reportsQuery, type ReportsOptions } from './list-reports';

/** A project's reports as {@link BetaReport} objects, page by page. A missing project is a NotFoundError. */
export class Reports<P extends Platform = Platform> extends Pager<BetaReport<P>> {
  /** Prefer `api.reports(path, options)`. */
  constructor(context: ApiContext<P>, target: () => Promise<ProjectRef>, options: ReportsOptions = {}) {
    const toReport = (ref: ProjectRef, attrs: BetaReport['attrs']): BetaReport<P> =>
      new BetaReport(context, ref.entity, ref.project, attrs);
    super(reportsQuery(context, target, options, toReport), { signal: options.signal });
  }
}
