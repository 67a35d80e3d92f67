import { RunsDocument } from '@wbapi/gql';
import { NotFoundError } from '../errors';
import { Collection, pageFromConnection, type Page } from '../pagination';
import type { ApiContext, RequestOptions } from '../api/context';
import type { Platform } from '../platform';
import { checkOrder } from './check-order';
import { encodeFilters } from './encode-filters';
import { Run } from './run';
import type { RunAttrs } from './run-attrs';
import type { HistoryColumns, HistoryRow } from '../history/history';
import type { RunsHistoriesOptions } from '../export/runs-histories';
import { loadOnDemand } from '../load-on-demand';

/** Options of `api.runs()`. */
export interface RunsOptions extends RequestOptions {
  /** A MongoDB-style filter, e.g. `{ "config.lr": { $lt: 0.1 } }`. @defaultValue `{}` */
  filters?: Record<string, unknown>;
  /** `+` ascending or `-` descending, then a field, e.g. `-summary_metrics.acc`. @defaultValue '+created_at' */
  order?: string | null;
  /** Runs per request. @defaultValue 50 */
  perPage?: number;
}

/** Where a runs listing looks: an entity and a project (resolved when the first page is fetched). */
export interface ProjectTarget {
  /** The entity. */
  entity: string;
  /** The project. */
  project: string;
}

/** The default order since SDK 0.21.1, also used for an empty order. */
export const DEFAULT_RUNS_ORDER = '+created_at';

/**
 * The runs of a project matching a filter, in order, fetched page by page.
 * `length()` is the server's count of matching runs (from the latest page).
 */
export class Runs<P extends Platform = Platform> extends Collection<Run<P>> {
  /** The filters as sent (JSON text). */
  readonly filters: string;
  /** The order as sent. */
  readonly order: string;

  /**
   * Prefer `api.runs(path, options)`. `target` may be a promise when the default entity must
   * be looked up first. Throws BadInputError for filters that are not a JSON object and for an
   * order that is not one signed key (see {@link checkOrder}).
   */
  constructor(
    context: ApiContext<P>,
    target: ProjectTarget | (() => Promise<ProjectTarget>),
    options: RunsOptions = {},
  ) {
    const { filters, order, perPage = 50, signal, ...call } = options;
    const encoded = encodeFilters(filters);
    const sentOrder = checkOrder(order || DEFAULT_RUNS_ORDER);
    const resolve = typeof target === 'function' ? target : () => Promise.resolve(target);
    super(
      async (cursor, pageSignal): Promise<Page<Run<P>>> => {
        const { entity, project } = await resolve();
        const result = await context.client.request(
          RunsDocument,
          { entity, project, cursor, perPage, order: sentOrder, filters: encoded },
          { ...call, signal: pageSignal ?? signal },
        );
        const found = result.project;
        if (!found) throw new NotFoundError(`Could not find project ${entity}/${project}`);
        const toRun = (node: RunAttrs): Run<P> => new Run(context, entity, project, node.name, node);
        return pageFromConnection(found.runs, toRun, found.runCount ?? 0);
      },
      { signal },
    );
    this.filters = encoded;
    this.order = sentOrder;
  }

  /**
   * Every run's history in one table (rows carry `run_id`), read a few runs at once; see
   * {@link runsHistories} for `samples`, `keys`, `xAxis`, `full`, `concurrency` and `format`.
   */
  histories(options: RunsHistoriesOptions<P> & { format: 'columns' }): Promise<HistoryColumns>;
  histories(options?: RunsHistoriesOptions<P> & { format?: 'rows' }): Promise<HistoryRow[]>;
  async histories(options: RunsHistoriesOptions<P> = {}): Promise<HistoryRow[] | HistoryColumns> {
    const { runsHistories } = await loadOnDemand();
    return runsHistories(this, options);
  }
}
