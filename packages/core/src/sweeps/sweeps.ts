import { ProjectSweepsDocument } from '@wbapi/gql';
import { NotFoundError } from '../errors';
import { Collection, pageFromConnection, type Page } from '../pagination';
import type { ApiContext, RequestOptions } from '../api/context';
import type { Platform } from '../platform';
import { Sweep } from './sweep';
import { parseSweepConfig } from './sweep-config';

/** Options of `project.sweeps()`. */
export interface SweepsOptions extends RequestOptions {
  /** Sweeps per request. @defaultValue 50 */
  perPage?: number;
}

/** A project's sweeps, page by page; `length()` is the project's `totalSweeps` (null → 0). */
export class Sweeps<P extends Platform = Platform> extends Collection<Sweep<P>> {
  /** Prefer `project.sweeps(options)`. */
  constructor(context: ApiContext<P>, entity: string, project: string, options: SweepsOptions = {}) {
    const { perPage = 50, signal, ...call } = options;
    super(
      async (cursor, pageSignal): Promise<Page<Sweep<P>>> => {
        const result = await context.client.request(
          ProjectSweepsDocument,
          { entity, project, cursor, perPage },
          { ...call, signal: pageSignal ?? signal },
        );
        if (!result.project) throw new NotFoundError(`Could not find project ${entity}/${project}`);
        const page = pageFromConnection(
          result.project.sweeps,
          (node) => node,
          result.project.totalSweeps ?? 0,
          'endCursor',
        );
        const configs = await Promise.all(page.items.map((node) => parseSweepConfig(node.config)));
        const items = page.items.map(
          (node, i) => new Sweep(context, entity, project, node.name, node, configs[i] ?? {}),
        );
        return { ...page, items };
      },
      { signal },
    );
  }
}
