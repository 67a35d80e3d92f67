import { ProjectDocument, ProjectsDocument, type ProjectFieldsFragment } from '@wbapi/gql';
import { NotFoundError } from '../errors/not-found-error';
import { pageFromConnection } from '../pagination/check-page';
import type { Page, PageFetcher } from '../pagination/page';
import { Pager } from '../pagination/pager';
import type { ProjectRef } from '../paths/refs';
import type { RequestOptions, Session } from '../session/session';
import { MAX_PER_PAGE, positiveCount } from '../validate';

/** The raw GraphQL attributes of a project. */
export type ProjectAttrs = ProjectFieldsFragment;

/** Options of `listProjects()` and `api.projects()`. */
export interface ProjectsOptions extends RequestOptions {
  /** Projects per request. @defaultValue 200 */
  perPage?: number;
}

/** The page fetcher of an entity's projects (the entity may be resolved on the first page). */
export function projectsQuery<T>(
  session: Session,
  entity: string | (() => Promise<string>),
  options: ProjectsOptions,
  map: (attrs: ProjectAttrs) => T | Promise<T>,
): PageFetcher<T> {
  const { signal: _signal, ...call } = options;
  const perPage = positiveCount('perPage', options.perPage, 200, MAX_PER_PAGE);
  return async (cursor, signal): Promise<Page<T>> => {
    const name = typeof entity === 'function' ? await entity() : entity;
    const result = await session.client.request(
      ProjectsDocument,
      { entity: name, cursor, perPage },
      { ...call, signal },
    );
    const page = pageFromConnection(result.models, (node) => node, null, 'endCursor');
    return { ...page, items: await Promise.all(page.items.map(map)) };
  };
}

/** An entity's projects (their attributes), page by page. The server gives no count, so `length()` throws. */
export function listProjects(
  session: Session,
  entity: string,
  options: ProjectsOptions = {},
): Pager<ProjectAttrs> {
  return new Pager(
    projectsQuery(session, entity, options, (attrs) => attrs),
    { signal: options.signal },
  );
}

/**
 * One project's attributes.
 *
 * @throws NotFoundError when the project does not exist.
 */
export async function getProject(
  session: Session,
  ref: ProjectRef,
  options: RequestOptions = {},
): Promise<ProjectAttrs> {
  const result = await session.client.request(
    ProjectDocument,
    { entity: ref.entity, project: ref.project },
    options,
  );
  if (!result.project) throw new NotFoundError(`Could not find project ${ref.entity}/${ref.project}`);
  return result.project;
}
