import { RunsDocument, RunsLightDocument, RunsSelectiveDocument } from '@wbapi/gql';
import { NotFoundError } from '../errors/not-found-error';
import { pageFromConnection } from '../pagination/check-page';
import type { Page, PageFetcher } from '../pagination/page';
import { Pager } from '../pagination/pager';
import type { ProjectRef, RunRef } from '../paths/refs';
import type { RequestOptions, Session } from '../session/session';
import { checkOrder } from './check-order';
import { encodeFilters } from './encode-filters';
import type { RunAttrs } from './run-attrs';
import { toLightRunData, toRunData, type LightRunData, type RunData } from './run-data';
import { runSelection, type RunSelection } from './run-selection';
import { MAX_PER_PAGE, positiveCount } from '../validate';

/** Options of `listRuns()` and `api.runs()`. */
export interface RunsOptions extends RequestOptions {
  /** A MongoDB-style filter, e.g. `{ "config.lr": { $lt: 0.1 } }`. @defaultValue `{}` */
  filters?: Record<string, unknown>;
  /** `+` ascending or `-` descending, then a field, e.g. `-summary_metrics.acc`. @defaultValue '+created_at' */
  order?: string | null;
  /** Runs per request. @defaultValue 50 */
  perPage?: number;
  /**
   * List the light fields only (id, name, state, tags, dates, user, group, job type, notes,
   * commit, history line count), as Python's `lazy=True`: config, summary, system metrics and
   * history keys are read by `await run.load()` (reading them before throws `NotLoadedError`).
   * @defaultValue false
   */
  lazy?: boolean;
  /**
   * Read only these top-level summary keys (a light listing plus `summaryMetrics(keys:)`);
   * `run.summary` holds those of them the run has.
   */
  summaryKeys?: readonly string[];
  /**
   * Read only these top-level config keys (a light listing plus `config(keys:)`); `run.config`
   * holds those of them the run has.
   */
  configKeys?: readonly string[];
}

/** Options of a light listing: `lazy: true`, or some `summaryKeys` or `configKeys`. */
export type LightRunsOptions = RunsOptions &
  ({ lazy: true } | { summaryKeys: readonly string[] } | { configKeys: readonly string[] });

/** Options of a full listing: none of `lazy`, `summaryKeys`, `configKeys`. */
export type FullRunsOptions = RunsOptions & { lazy?: false; summaryKeys?: undefined; configKeys?: undefined };

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
  /** What is read of each run. */
  selection: RunSelection;
  /** Fetches one page, mapping each run's attributes with `map`. */
  fetchPage: PageFetcher<T>;
}

/**
 * The query of a runs listing: checks and encodes the filters and the selection now
 * (BadInputError for filters that are not a JSON object or bad keys), fetches pages later:
 * `Runs`, or `RunsLight` for a lazy or selective listing. `map` turns a run into a list item.
 */
export function runsQuery<T>(
  session: Session,
  target: ProjectTarget,
  options: RunsOptions,
  map: (ref: RunRef, attrs: RunAttrs, selection: RunSelection) => T,
): RunsQuery<T> {
  const { filters, order, signal: _signal, lazy, summaryKeys, configKeys, ...call } = options;
  const selection = runSelection({ lazy, summaryKeys, configKeys });
  const perPage = positiveCount('perPage', options.perPage, 50, MAX_PER_PAGE);
  const encoded = encodeFilters(filters);
  const sentOrder = checkOrder(order || DEFAULT_RUNS_ORDER);
  const resolve = typeof target === 'function' ? target : (): Promise<ProjectRef> => Promise.resolve(target);
  const fetchPage = async (cursor: string | null, signal: AbortSignal | undefined): Promise<Page<T>> => {
    const { entity, project } = await resolve();
    const variables = { entity, project, cursor, perPage, order: sentOrder, filters: encoded };
    const result = await requestRunsPage(session, selection, variables, { ...call, signal });
    const found = result.project;
    if (!found) throw new NotFoundError(`Could not find project ${entity}/${project}`);
    const toItem = (node: RunAttrs): T => map({ entity, project, id: node.name }, node, selection);
    return pageFromConnection(found.runs, toItem, found.runCount ?? 0);
  };
  return { filters: encoded, order: sentOrder, selection, fetchPage };
}

/** The variables of one page of a runs listing, whatever its selection. */
interface RunsPageVariables {
  entity: string;
  project: string;
  cursor: string | null;
  perPage: number;
  order: string;
  filters: string;
}

/**
 * One page of runs with the document of the selection: `Runs` (full), `RunsLight` (lazy: the
 * Python client's lazy query, nothing a server without selective reads would reject) or
 * `RunsSelective` (light plus `config(keys:)` / `summaryMetrics(keys:)`).
 */
function requestRunsPage(
  session: Session,
  selection: RunSelection,
  variables: RunsPageVariables,
  options: RequestOptions,
) {
  const { summaryKeys, configKeys } = selection;
  if (!selection.light) return session.client.request(RunsDocument, variables, options);
  if (!summaryKeys && !configKeys) return session.client.request(RunsLightDocument, variables, options);
  const keys = {
    withSummary: summaryKeys !== undefined,
    withConfig: configKeys !== undefined,
    ...(summaryKeys && { summaryKeys }),
    ...(configKeys && { configKeys }),
  };
  return session.client.request(RunsSelectiveDocument, { ...variables, ...keys }, options);
}

/**
 * The runs of a project matching `filters`, in `order`, as plain data, fetched page by page.
 * `length()` is the server's count of matching runs. A lazy or selective listing (`lazy`,
 * `summaryKeys`, `configKeys`) gives {@link LightRunData}: the fields not read are absent;
 * `getRun` reads a whole run.
 *
 * @throws BadInputError (now) for filters that are not a JSON object, or bad keys.
 * @example
 * ```ts
 * const runs = listRuns(session, { entity: 'acme', project: 'mnist' }, { filters: { state: 'finished' } });
 * for await (const run of runs) console.log(run.id, run.summary['acc']);
 * const accs = listRuns(session, { entity: 'acme', project: 'mnist' }, { summaryKeys: ['acc'] });
 * for await (const run of accs) console.log(run.id, run.summary?.['acc']);
 * ```
 */
export function listRuns(session: Session, project: ProjectRef, options?: FullRunsOptions): Pager<RunData>;
export function listRuns(
  session: Session,
  project: ProjectRef,
  options: LightRunsOptions,
): Pager<LightRunData>;
export function listRuns(
  session: Session,
  project: ProjectRef,
  options?: RunsOptions,
): Pager<RunData | LightRunData>;
export function listRuns(
  session: Session,
  project: ProjectRef,
  options: RunsOptions = {},
): Pager<RunData | LightRunData> {
  const { fetchPage } = runsQuery(session, project, options, (ref, attrs, selection) =>
    selection.light ? toLightRunData(ref, attrs, selection) : toRunData(ref, attrs),
  );
  return new Pager(fetchPage, { signal: options.signal });
}
