import { RunsDocument } from '@wbapi/gql';
import { NotFoundError } from '../errors/not-found-error';
import { pageFromConnection } from '../pagination/check-page';
import type { Page, PageFetcher } from '../pagination/page';
import { Pager } from '../pagination/pager';
import type { ProjectRef, RunRef } from '../paths/refs';
import type { RequestOptions, Session } from '../session/session';
import { checkOrder } from './check-order';
import { encodeFilters } from './encode-filters';
import type { RunAttrs } from './run-attrs';
import { toRunData, type RunData } from './run-data';
import { MAX_PER_PAGE, positiveCount } from '../validate';

/** Options of `listRuns()` and `api.runs()`. */
export interface RunsOptions extends RequestOptions {
  /** A MongoDB-style filter, e.g. `{ "config.lr": { $lt: 0.1 } }`. @defaultValue `{}` */
  filters?: Record<string, unknown>;
  /** `+` ascending or `-` descending, then a field, e.g. `-summary_metrics.acc`. @defaultValue '+created_at' */
  order?: string | null;
  /** Runs per request. @defaultValue 50 */
  perPage?: number;
}

/** The default order since SDK 0.21.1, also used for an empty order. */
export const DEFAULT_RUNS_ORDER = '+created_at';

/** A project, or a promise-returning function when it must be resolved on the first page. */
export type ProjectTarget = ProjectRef | (() => Promise<ProjectRef>);

/** What a runs listing sends, and its page fetcher. */
export interface RunsQuery<T> {
  /** The filters as sent (JSON text). */
  filters: string;
  /** The order as sent. */
  order: string;
  /** Fetches one page, mapping each run's attributes with `map`. */
  fetchPage: PageFetcher<T>;
}

/**
 * The query of a runs listing: checks and encodes the filters now (BadInputError for filters
 * that are not a JSON object), fetches pages later. `map` turns a run into a list item.
 */
export function runsQuery<T>(
  session: Session,
  target: ProjectTarget,
  options: RunsOptions,
  map: (ref: RunRef, attrs: RunAttrs) => T,
): RunsQuery<T> {
  const { filters, order, signal: _signal, ...call } = options;
  const perPage = positiveCount('perPage', options.perPage, 50, MAX_PER_PAGE);
  const encoded = encodeFilters(filters);
  const sentOrder = checkOrder(order || DEFAULT_RUNS_ORDER);
  const resolve = typeof target === 'function' ? target : (): Promise<ProjectRef> => Promise.resolve(target);
  const fetchPage = async (cursor: string | null, signal: AbortSignal | undefined): Promise<Page<T>> => {
    const { entity, project } = await resolve();
    const result = await session.client.request(
      RunsDocument,
      { entity, project, cursor, perPage, order: sentOrder, filters: encoded },
      { ...call, signal },
    );
    const found = result.project;
    if (!found) throw new NotFoundError(`Could not find project ${entity}/${project}`);
    const toItem = (node: RunAttrs): T => map({ entity, project, id: node.name }, node);
    return pageFromConnection(found.runs, toItem, found.runCount ?? 0);
  };
  return { filters: encoded, order: sentOrder, fetchPage };
}

/**
 * The runs of a project matching `filters`, in `order`, as plain data, fetched page by page.
 * `length()` is the server's count of matching runs.
 *
 * @throws BadInputError (now) for filters that are not a JSON object.
 * @example
 * ```ts
 * const runs = listRuns(session, { entity: 'acme', project: 'mnist' }, { filters: { state: 'finished' } });
 * for await (const run of runs) console.log(run.id, run.summary['acc']);
 * ```
 */
export function listRuns(session: Session, project: ProjectRef, options: RunsOptions = {}): Pager<RunData> {
  const { fetchPage } = runsQuery(session, project, options, toRunData);
  return new Pager(fetchPage, { signal: options.signal });
}
