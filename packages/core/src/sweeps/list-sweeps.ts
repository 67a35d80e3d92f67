import { ProjectSweepsDocument } from '@wbapi/gql';
import { NotFoundError } from '../errors/not-found-error';
import { pageFromConnection } from '../pagination/check-page';
import type { Page, PageFetcher } from '../pagination/page';
import { Pager } from '../pagination/pager';
import type { ProjectRef } from '../paths/refs';
import type { RequestOptions, Session } from '../session/session';
import type { SweepData } from './get-sweep';
import { parseSweepConfig } from './sweep-config';
import { MAX_PER_PAGE, positiveCount } from '../validate';

/** Options of `listSweeps()` and `project.sweeps()`. */
export interface SweepsOptions extends RequestOptions {
  /** Sweeps per request. @defaultValue 50 */
  perPage?: number;
}

/** The page fetcher of a project's sweeps, mapping each sweep's data with `map`. */
export function sweepsQuery<T>(
  session: Session,
  ref: ProjectRef,
  options: SweepsOptions,
  map: (sweep: SweepData) => T,
): PageFetcher<T> {
  const { signal: _signal, ...call } = options;
  const perPage = positiveCount('perPage', options.perPage, 50, MAX_PER_PAGE);
  const { entity, project } = ref;
  return async (cursor, signal): Promise<Page<T>> => {
    const result = await session.client.request(
      ProjectSweepsDocument,
      { entity, project, cursor, perPage },
      { ...call, signal },
    );
    if (!result.project) throw new NotFoundError(`Could not find project ${entity}/${project}`);
    const page = pageFromConnection(
      result.project.sweeps,
      (node) => node,
      result.project.totalSweeps ?? 0,
      'endCursor',
    );
    const configs = await Promise.all(page.items.map((node) => parseSweepConfig(node.config)));
    const items = page.items.map((attrs, i) =>
      map({ entity, project, id: attrs.name, attrs, config: configs[i] ?? {} }),
    );
    return { ...page, items };
  };
}

/** A project's sweeps as plain data, page by page; `length()` is the project's `totalSweeps` (null → 0). */
export function listSweeps(
  session: Session,
  project: ProjectRef,
  options: SweepsOptions = {},
): Pager<SweepData> {
  return new Pager(
    sweepsQuery(session, project, options, (sweep) => sweep),
    { signal: options.signal },
  );
}
