import { ProjectViewsDocument } from '@wbapi/gql';
import { NotFoundError } from '../errors';
import { Collection, pageFromConnection, type Page } from '../pagination';
import type { ApiContext, RequestOptions } from '../api/context';
import type { Platform } from '../platform';
import type { ProjectTarget } from '../runs/runs';
import type { BetaReport } from './beta-report';
import { loadOnDemand } from '../load-on-demand';
import { MAX_PER_PAGE, positiveCount } from '../validate';

/** Options of `api.reports()`. */
export interface ReportsOptions extends RequestOptions {
  /** Only the report with this exact name (URL-unquoted first). */
  name?: string | null;
  /** Reports per request. @defaultValue 50 */
  perPage?: number;
}

/** A project's reports, page by page. A missing project is a NotFoundError. */
export class Reports<P extends Platform = Platform> extends Collection<BetaReport<P>> {
  /** Prefer `api.reports(path, options)`. */
  constructor(context: ApiContext<P>, target: () => Promise<ProjectTarget>, options: ReportsOptions = {}) {
    const { name, signal, ...call } = options;
    const perPage = positiveCount('perPage', options.perPage, 50, MAX_PER_PAGE);
    const viewName = name === undefined || name === null ? null : decodeURIComponent(name);
    super(
      async (cursor, pageSignal): Promise<Page<BetaReport<P>>> => {
        const { entity, project } = await target();
        const { BetaReport } = await loadOnDemand();
        const result = await context.client.request(
          ProjectViewsDocument,
          { entity, project, reportCursor: cursor, reportLimit: perPage, viewName },
          { ...call, signal: pageSignal ?? signal },
        );
        if (!result.project)
          throw new NotFoundError(`Project ${project} does not exist under entity ${entity}`);
        return pageFromConnection(
          result.project.allViews,
          (node) => new BetaReport(context, entity, project, node),
        );
      },
      { signal },
    );
  }
}
