import { ProjectViewsDocument, type ProjectViewsQuery } from '@wbapi/gql';
import { NotFoundError } from '../errors/not-found-error';
import { pageFromConnection } from '../pagination/check-page';
import type { Page, PageFetcher } from '../pagination/page';
import { Pager } from '../pagination/pager';
import type { ProjectRef } from '../paths/refs';
import type { RequestOptions, Session } from '../session/session';

type ViewNode = NonNullable<
  NonNullable<NonNullable<NonNullable<ProjectViewsQuery['project']>['allViews']>['edges'][number]>['node']
>;

/** The raw GraphQL attributes of a report (a view of type `runs`). */
export type ReportAttrs = ViewNode;

/** Options of `listReports()` and `api.reports()`. */
export interface ReportsOptions extends RequestOptions {
  /** Only the report with this exact name (URL-unquoted first). */
  name?: string | null;
  /** Reports per request. @defaultValue 50 */
  perPage?: number;
}

/** The page fetcher of a project's reports (the project may be resolved on the first page). */
export function reportsQuery<T>(
  session: Session,
  target: ProjectRef | (() => Promise<ProjectRef>),
  options: ReportsOptions,
  map: (ref: ProjectRef, attrs: ReportAttrs) => T | Promise<T>,
): PageFetcher<T> {
  const { name, perPage = 50, signal: _signal, ...call } = options;
  const viewName = name === undefined || name === null ? null : decodeURIComponent(name);
  return async (cursor, signal): Promise<Page<T>> => {
    const ref = typeof target === 'function' ? await target() : target;
    const { entity, project } = ref;
    const result = await session.client.request(
      ProjectViewsDocument,
      { entity, project, reportCursor: cursor, reportLimit: perPage, viewName },
      { ...call, signal },
    );
    if (!result.project) throw new NotFoundError(`Project ${project} does not exist under entity ${entity}`);
    const page = pageFromConnection(result.project.allViews, (node) => node);
    return { ...page, items: await Promise.all(page.items.map((node) => map(ref, node))) };
  };
}

/** A project's reports (their attributes; `spec` is JSON text), page by page; optionally one by name. */
export function listReports(
  session: Session,
  project: ProjectRef,
  options: ReportsOptions = {},
): Pager<ReportAttrs> {
  return new Pager(
    reportsQuery(session, project, options, (_ref, attrs) => attrs),
    { signal: options.signal },
  );
}
