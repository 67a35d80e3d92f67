import { ProjectsDocument } from '@wbapi/gql';
import { Collection, pageFromConnection, type Page } from '../pagination';
import type { ApiContext, RequestOptions } from '../api/context';
import type { Platform } from '../platform';
import type { Project } from './project';
import { loadOnDemand } from '../load-on-demand';

/** Options of `api.projects()`. */
export interface ProjectsOptions extends RequestOptions {
  /** Projects per request. @defaultValue 200 */
  perPage?: number;
}

/** An entity's projects, page by page. The server gives no count, so `length()` throws. */
export class Projects<P extends Platform = Platform> extends Collection<Project<P>> {
  /** Prefer `api.projects(entity, options)`; `entity` may be resolved lazily. */
  constructor(context: ApiContext<P>, entity: () => Promise<string>, options: ProjectsOptions = {}) {
    const { perPage = 200, signal, ...call } = options;
    super(
      async (cursor, pageSignal): Promise<Page<Project<P>>> => {
        const name = await entity();
        const { Project } = await loadOnDemand();
        const result = await context.client.request(
          ProjectsDocument,
          { entity: name, cursor, perPage },
          { ...call, signal: pageSignal ?? signal },
        );
        return pageFromConnection(
          result.models,
          (node) => new Project(context, node.entityName, node.name, node),
          null,
          'endCursor',
        );
      },
      { signal },
    );
  }
}
