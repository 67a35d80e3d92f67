import type { ApiContext } from '../api/api-context';
import type { RequestOptions } from '../session/session';
import { appPageUrl } from '../session/app-url';
import type { Platform } from '../platform';
import type { RunsOptions } from '../runs/list-runs';
import type { Runs } from '../runs/runs';
import type { Run } from '../runs/run';
import { describeSweep, type SweepAttrs, type SweepData } from './get-sweep';
import { sweepOrder } from './sweep-order';

/**
 * Options of `sweep.runs()`: those of `api.runs()` but the filter (the sweep's own), with 10 runs
 * per request; `lazy`, `summaryKeys` and `configKeys` make a light listing as there.
 */
export interface SweepRunsOptions
  extends Pick<RunsOptions, 'lazy' | 'summaryKeys' | 'configKeys'>, RequestOptions {
  /** Order string passed as-is. @defaultValue '+created_at' */
  order?: string | null;
  /** Runs per request. @defaultValue 10 */
  perPage?: number;
}

/** A hyperparameter sweep: its config (parsed YAML), state, and runs. Get one with `api.sweep(path)`. */
export class Sweep<P extends Platform = Platform> {
  /** The sweep id (its name in the path), e.g. `ab12cd34`. */
  readonly id: string;
  /** The sweep's entity. */
  readonly entity: string;
  /** The sweep's project. */
  readonly project: string;
  /** The raw GraphQL attributes. */
  readonly attrs: SweepAttrs;
  /** The sweep configuration, parsed from YAML. */
  readonly config: Record<string, unknown>;
  /** @internal */
  readonly context: ApiContext<P>;

  /** Builds a sweep from its loaded data (see `getSweep`); prefer `api.sweep(path)`. */
  constructor(context: ApiContext<P>, data: SweepData) {
    this.context = context;
    this.entity = data.entity;
    this.project = data.project;
    this.id = data.id;
    this.attrs = data.attrs;
    this.config = data.config;
  }

  /** The GraphQL node id. */
  get storageId(): string {
    return this.attrs.id;
  }
  /** Display name, else `config.name`, else the id. */
  get name(): string {
    const configName = this.config['name'];
    return this.attrs.displayName || (typeof configName === 'string' && configName) || this.id;
  }
  /** `RUNNING`, `FINISHED`, ... */
  get state(): string {
    return this.attrs.state;
  }
  /** The best metric value seen so far. */
  get bestLoss(): number | null {
    return this.attrs.bestLoss ?? null;
  }
  /** The search method (`grid`, `random`, `bayes`), from the server or the config. */
  get method(): string | null {
    const method = this.attrs.method ?? this.config['method'];
    return typeof method === 'string' ? method : null;
  }
  /** The number of runs the sweep expects (the SDK's `expected_run_count`). */
  get runCountExpected(): number | null {
    return this.attrs.runCountExpected ?? null;
  }
  /** The sweep's description. */
  get description(): string | null {
    return this.attrs.description ?? null;
  }
  /** When the sweep was created (UTC ISO text). */
  get createdAt(): string | null {
    return this.attrs.createdAt ?? null;
  }
  /** The sweep's page in the web UI. */
  get url(): string {
    return appPageUrl(this.context.appUrl, [this.entity, this.project, 'sweeps', this.id]);
  }
  /** The order `bestRun()` uses by default (from the config's metric), or null. */
  get order(): string | null {
    return sweepOrder(this.config);
  }

  /**
   * The sweep's runs (filter `{"$and":[{"sweep": id}]}`), 10 per request by default; with `lazy`
   * (or `summaryKeys`/`configKeys`) a light listing, as `api.runs()`.
   */
  runs(options: SweepRunsOptions = {}): Runs<P> {
    const { perPage = 10, ...rest } = options;
    return this.context.runs(
      { entity: this.entity, project: this.project },
      { ...rest, perPage, filters: this.filters() },
    );
  }

  /**
   * The best run by `order` (through `QueryGenerator.formatOrderKey`) or by the config's metric;
   * null when the sweep has no runs. One request with `perPage` 1.
   */
  async bestRun(options: RequestOptions & { order?: string | null } = {}): Promise<Run<P> | null> {
    const { order, ...call } = options;
    const chosen = sweepOrder(this.config, order);
    if (chosen === null) {
      this.context.logger?.warn?.(
        "No order specified and couldn't find metric in sweep config, returning oldest run",
      );
    }
    const target = { entity: this.entity, project: this.project };
    const runs = this.context.runs(target, {
      ...call,
      order: chosen,
      perPage: 1,
      filters: this.filters(),
    });
    const [best] = await runs.toArray({ limit: 1 });
    return best ?? null;
  }

  /** `<Sweep e/p/id (state)>`. */
  toString(): string {
    return describeSweep(this.entity, this.project, this.id, this.state);
  }

  private filters(): Record<string, unknown> {
    return { $and: [{ sweep: this.id }] };
  }
}
