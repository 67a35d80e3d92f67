import { RunsHistoryDocument, RunsSampledHistoryDocument, type ResultOf } from '@wbapi/gql';
import { NotFoundError } from '../errors';
import { checkPage, pageFromConnection, type ConnectionLike, type Page } from '../pagination';
import type { RequestOptions, Session } from '../session/session';
import { firstSpecRows, parseRows, validateKeys, type HistoryRow } from '../history/history';
import { AdaptivePageSize } from './adaptive-page-size';

/** The listing whose runs' history is read: as `Runs` sends it. */
export interface RunsListing {
  entity: string;
  project: string;
  /** Filters as JSON text. */
  filters: string;
  order: string;
}

/** Options of {@link runsHistoryPages}. */
export interface RunsHistoryPagesOptions extends RequestOptions {
  /** Rows to sample per run. @defaultValue 500 */
  samples?: number;
  /** Only these keys (and only rows having all of them). */
  keys?: string[] | undefined;
  /** The x axis key with `keys`. @defaultValue '_step' */
  xAxis?: string | undefined;
  /** Runs per request; a new one starting at 10,000 rows per request when not given. */
  pageSize?: AdaptivePageSize;
}

type RunsConnection = NonNullable<NonNullable<ResultOf<typeof RunsHistoryDocument>['project']>['runs']>;
type RunNode = NonNullable<RunsConnection['edges'][number]['node']>;

/** One listed run (its listing attributes, `RunFields`) and its sampled history. */
export interface RunWithHistory {
  /** The run as listed. */
  node: Omit<RunNode, 'history'>;
  /** The rows `run.history({ samples, keys, xAxis })` gives for it. */
  history: HistoryRow[];
}

/**
 * Pages of a listing's runs, each run with its sampled history, **many runs per request**
 * (`sampledHistory`, or `history(samples)` without keys, selected inside the runs listing), the
 * runs per request adapting to the server's answers ({@link AdaptivePageSize}). Each run's rows
 * are the ones `run.history()` gives, for one request per page instead of one per run.
 *
 * @example
 * ```ts
 * const listing = { entity: 'acme', project: 'mnist', filters: '{}', order: '+created_at' };
 * for await (const page of runsHistoryPages(session, listing, { samples: 200, keys: ['loss'] }))
 *   for (const { node, history } of page) console.log(node.name, history.length);
 * ```
 */
export async function* runsHistoryPages(
  session: Session,
  listing: RunsListing,
  options: RunsHistoryPagesOptions = {},
): AsyncGenerator<RunWithHistory[], void, undefined> {
  const { samples = 500, keys, xAxis = '_step', pageSize, ...given } = options;
  const wanted = validateKeys(keys);
  const size = pageSize ?? new AdaptivePageSize({ rowsPerRun: samples });
  // Each page is read once: kept in the response cache it would only hold memory.
  const call: RequestOptions = { cache: false, ...given };
  const specs = wanted ? [JSON.stringify({ keys: [xAxis, ...wanted], samples })] : [];
  let cursor: string | null = null;
  for (;;) {
    const variables: RunsListing & { cursor: string | null; perPage: number } = {
      ...listing,
      cursor,
      perPage: size.runs,
    };
    const started = Date.now();
    let project;
    try {
      project = wanted
        ? (await session.client.request(RunsSampledHistoryDocument, { ...variables, specs }, call)).project
        : (await session.client.request(RunsHistoryDocument, { ...variables, samples }, call)).project;
    } catch (error) {
      if (size.failed(error)) continue;
      throw error;
    }
    size.answered(Date.now() - started);
    if (!project) throw new NotFoundError(`Could not find project ${listing.entity}/${listing.project}`);
    const page: Page<RunWithHistory> = checkPage(
      pageFromConnection(
        project.runs as ConnectionLike<RunNode & { sampledHistory?: unknown[] | null }>,
        (node) => {
          const { history, sampledHistory, ...attrs } = node;
          return { node: attrs, history: wanted ? firstSpecRows(sampledHistory) : parseRows(history) };
        },
      ),
      cursor,
    );
    yield page.items;
    if (!page.hasNextPage) return;
    cursor = page.endCursor;
  }
}
