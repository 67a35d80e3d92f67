import type { ApiContext } from '../api/api-context';
import { Pager } from '../pagination/pager';
import type { Platform } from '../platform';
import { projectsQuery, type ProjectAttrs, type ProjectsOptions } from './list-projects';
import { Project } from './project';

/** An entity's projects as {@link Project} objects, page by page. The server gives no count, so `length()` throws. */
export class Projects<P extends Platform = Platform> extends Pager<Project<P>> {
  /** Prefer `api.projects(entity, options)`; `entity` may be resolved lazily. */
  constructor(context: ApiContext<P>, entity: () => Promise<string>, options: ProjectsOptions = {}) {
    const toProject = (attrs: ProjectAttrs): Project<P> =>
      new Project(context, attrs.entityName, attrs.name, attrs);
    super(projectsQuery(context, entity, options, toProject), { signal: options.signal });
  }
}
