import type { ApiContext } from '../api/api-context';
import { runsHistories, type RunsHistoriesOptions } from '../export/runs-histories';
import type { HistoryColumns, HistoryRow } from '../history/history';
import { Pager } from '../pagination/pager';
import type { Platform } from '../platform';
import { markNotLoaded } from './lazy-fields';
import { runsQuery, type ProjectTarget, type RunsOptions } from './list-runs';
import { Run } from './run';

/**
 * The runs of a project matching a filter, in order, as {@link Run} objects, fetched page by
 * page. `length()` is the server's count of matching runs (from the latest page).
 *
 * A lazy or selective listing (`lazy`, `summaryKeys`, `configKeys`) gives runs with the light
 * fields (and the asked keys): reading a field it did not read throws `NotLoadedError`, and
 * `await run.load()` reads the rest.
 */
export class Runs<P extends Platform = Platform> extends Pager<Run<P>> {
  /** The filters as sent (JSON text). */
  readonly filters: string;
  /** The order as sent. */
  readonly order: string;

  /**
   * Prefer `api.runs(path, options)`. `target` may be a function when the default entity must
   * be looked up first. Throws BadInputError for filters that are not a JSON object.
   */
  constructor(context: ApiContext<P>, target: ProjectTarget, options: RunsOptions = {}) {
    const query = runsQuery(context, target, options, (ref, attrs, selection) => {
      const run = new Run(context, ref.entity, ref.project, ref.id, attrs);
      markNotLoaded(run, selection);
      return run;
    });
    super(query.fetchPage, { signal: options.signal });
    this.filters = query.filters;
    this.order = query.order;
  }

  /**
   * Every run's history in one table (rows carry `run_id`), read a few runs at once; see
   * `runsHistories` for `samples`, `keys`, `xAxis`, `full`, `concurrency` and `format`.
   */
  histories(options: RunsHistoriesOptions<P> & { format: 'columns' }): Promise<HistoryColumns>;
  histories(options?: RunsHistoriesOptions<P> & { format?: 'rows' }): Promise<HistoryRow[]>;
  async histories(options: RunsHistoriesOptions<P> = {}): Promise<HistoryRow[] | HistoryColumns> {
    return runsHistories(this, options);
  }
}
