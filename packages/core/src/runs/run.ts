import { RunDocument, RunHistoryKeysDocument } from '@wbapi/gql';
import { NotFoundError } from '../errors';
import type { Platform } from '../platform';
import type { ApiContext, RequestOptions } from '../api/context';
import { appPageUrl, quoteSegment } from '../api/app-url';
import { decodeConfig, decodeJsonObject, type JsonObject } from './decode';
import { describeRun, type RunAttrs, type RunUser } from './run-attrs';
import { runHistory, type HistoryOptions, type HistoryColumns, type HistoryRow } from '../history/history';
import { HistoryScan, type ScanHistoryOptions } from '../history/history-scan';
import { Files, type FilesOptions } from '../files/files';
import { runFile } from '../files/run-file';
import type { File } from '../files/file';
import type { Sweep } from '../sweeps/sweep';
import type { CreateRunOptions } from './create-run';
import type { WaitOptions } from './wait-until-finished';
import { loadOnDemand } from '../load-on-demand';

/**
 * One run of a project: its metadata, config, summary, history and files.
 *
 * Get one with `api.run(path)` (loaded eagerly) or from `api.runs(...)`. Writable fields
 * (`name`, `tags`, `notes`, `description`, `group`, `jobType`, `config`) change only local
 * state until {@link Run.update} sends them.
 *
 * Summary writes: `run.summary` is a plain object snapshot. Assigning to it is local only;
 * `run.updateSummary(patch)` merges `patch` (keys trimmed) and writes the whole summary at
 * once, which covers both Python's `summary.update({...})` and `summary[k] = {...}`.
 */
export class Run<P extends Platform = Platform> {
  /** The run id (GraphQL `name`), e.g. `k3j2h1g0`. */
  readonly id: string;
  /** The run's entity. */
  readonly entity: string;
  /** The run's project. */
  readonly project: string;
  /** The display name (GraphQL `displayName`); settable, sent by {@link Run.update}. */
  name: string | null = null;
  /** Tags; settable. */
  tags: string[] = [];
  /** Notes; settable. */
  notes: string | null = null;
  /** The legacy description field; settable. */
  description: string | null = null;
  /** The run group; settable. */
  group: string | null = null;
  /** The job type; settable. */
  jobType: string | null = null;
  /** Hyperparameters with values unwrapped (no `_wandb`); settable. */
  config: JsonObject = {};
  /** The whole config with values unwrapped, including `_wandb`. */
  rawConfig: JsonObject = {};
  /** A snapshot of the summary; write with {@link Run.updateSummary}. NaN/±Infinity are kept. */
  summary: JsonObject = {};
  /** The latest system metrics. */
  systemMetrics: JsonObject = {};
  /** The raw GraphQL attributes. */
  attrs: RunAttrs;

  /** @internal */
  readonly context: ApiContext<P>;

  /** Builds a run from attributes already fetched (no request); use `api.run` to load one. */
  constructor(
    context: ApiContext<P>,
    entity: string,
    project: string,
    id: string,
    attrs?: Partial<RunAttrs>,
  ) {
    this.context = context;
    this.entity = entity;
    this.project = project;
    this.id = id;
    // As in the SDK, the id given wins over whatever the attributes say.
    this.attrs = { ...attrs, name: id };
    this.decode();
  }

  /** The storage id (GraphQL `id`) used by mutations. */
  get storageId(): string | null {
    return this.attrs.id ?? null;
  }
  /** `running`, `finished`, `crashed`, ...; `not found` when unknown. */
  get state(): string {
    return this.attrs.state ?? 'not found';
  }
  /** When the run was created (UTC ISO text as sent by the server). */
  get createdAt(): string | null {
    return this.attrs.createdAt ?? null;
  }
  /** The last heartbeat (UTC ISO text). */
  get heartbeatAt(): string | null {
    return this.attrs.heartbeatAt ?? null;
  }
  /** The creator. */
  get user(): RunUser | null {
    const user = this.attrs.user;
    return user ? { name: user.name, username: user.username ?? null } : null;
  }
  /** The id of the sweep the run belongs to. */
  get sweepName(): string | null {
    return this.attrs.sweepName ?? null;
  }
  /** The git commit. */
  get commit(): string | null {
    return this.attrs.commit ?? null;
  }
  /** Whether the run is read-only. */
  get readOnly(): boolean {
    return this.attrs.readOnly ?? false;
  }
  /** The history key index: `{lastStep, keys: {...}}`. */
  get historyKeys(): unknown {
    return this.attrs.historyKeys ?? null;
  }
  /** The number of history rows. */
  get historyLineCount(): number | null {
    return this.attrs.historyLineCount ?? null;
  }
  /** `[entity, project, id]`, each URL-quoted. */
  get path(): [string, string, string] {
    return [this.entity, this.project, this.id].map(quoteSegment) as [string, string, string];
  }
  /** The run's page in the web UI. */
  get url(): string {
    return appPageUrl(this.context.appUrl, [this.entity, this.project, 'runs', this.id]);
  }

  /** (Re)fetches the run when `force` is set or nothing was loaded yet; else re-decodes the attributes. */
  async load(options: RequestOptions & { force?: boolean } = {}): Promise<this> {
    const { force, ...call } = options;
    if (force || this.attrs.id === undefined) {
      // A forced load wants the server's current state, not a cached reply.
      const result = await this.context.client.request(
        RunDocument,
        { entity: this.entity, project: this.project, name: this.id },
        { cache: false, ...call },
      );
      const attrs = result.project?.run;
      if (!attrs) {
        throw new NotFoundError(
          `Could not find run ${describeRun(this.entity, this.project, this.id, 'not found')}`,
        );
      }
      this.attrs = { ...attrs, name: this.id };
    }
    this.decode();
    return this;
  }

  /** Sends the writable fields and config, then the whole summary (two mutations, per semantics §8.4). */
  async update(options: RequestOptions = {}): Promise<void> {
    const { updateRun } = await loadOnDemand();
    const attrs = await updateRun(this, options);
    if (attrs) this.attrs = { ...attrs, summaryMetrics: this.attrs.summaryMetrics ?? null, name: this.id };
    await this.writeSummary(options);
  }

  /** Merges `patch` into the summary (keys whitespace-trimmed) and writes the whole summary now. */
  async updateSummary(patch: JsonObject, options: RequestOptions = {}): Promise<void> {
    for (const [key, value] of Object.entries(patch)) this.summary[key.trim()] = value;
    await this.writeSummary(options);
  }

  /** Deletes the run (and its artifacts when asked). Mutations are not retried. */
  async delete(options: RequestOptions & { deleteArtifacts?: boolean } = {}): Promise<void> {
    const { deleteRun } = await loadOnDemand();
    await deleteRun(this, options);
  }

  /** The last history step, fetched on every call; −1 when the run has no history. */
  async lastHistoryStep(options: RequestOptions = {}): Promise<number> {
    // Every history scan starts here, so this stays out of the on-demand chunk.
    const result = await this.context.client.request(
      RunHistoryKeysDocument,
      { entity: this.entity, project: this.project, name: this.id },
      { cache: false, ...options },
    );
    const keys = result.project?.run?.historyKeys as { lastStep?: unknown } | null | undefined;
    return typeof keys?.lastStep === 'number' ? keys.lastStep : -1;
  }

  /** Sampled history rows (or columns), per semantics §9.1. */
  history(options: HistoryOptions & { format: 'columns' }): Promise<HistoryColumns>;
  history(options?: HistoryOptions & { format?: 'rows' }): Promise<HistoryRow[]>;
  history(options: HistoryOptions = {}): Promise<HistoryRow[] | HistoryColumns> {
    return runHistory(this, options);
  }

  /** Every history row in step order, paged by step ranges; see {@link HistoryScan}. */
  scanHistory(options: ScanHistoryOptions = {}): HistoryScan {
    return new HistoryScan(this, options);
  }

  /** The run's files, optionally by exact names or a SQL LIKE pattern. */
  files(options: FilesOptions = {}): Files<P> {
    return new Files(this, options);
  }

  /** One file by name; NotFoundError when the run has no such file. */
  file(name: string, options: RequestOptions = {}): Promise<File<P>> {
    return runFile(this, name, options);
  }

  /**
   * Polls until the run is `finished`, `crashed` or `failed` (every 5 s by default), then
   * reloads it; resolves with the final state. Stop early with `signal`.
   */
  async waitUntilFinished(options: WaitOptions = {}): Promise<string> {
    const { waitUntilFinished } = await loadOnDemand();
    const state = await waitUntilFinished(this, options);
    const { intervalMs: _interval, ...call } = options;
    await this.load({ ...call, force: true });
    return state;
  }

  /** The sweep the run belongs to (fetched on call), or null. */
  async sweep(options: RequestOptions = {}): Promise<Sweep<P> | null> {
    const sweepName = this.sweepName;
    if (!sweepName) return null;
    const { loadSweep } = await loadOnDemand();
    return loadSweep(this.context, this.entity, this.project, sweepName, options);
  }

  /**
   * Creates a run like Python's `Run.create` (no default-entity lookup: a null entity lets the
   * server choose the viewer's). `api.createRun()` fills in the default entity first.
   */
  static async create<P extends Platform>(
    api: { readonly context: ApiContext<P> },
    options: CreateRunOptions = {},
  ): Promise<Run<P>> {
    const { createRun } = await loadOnDemand();
    return createRun(api.context, options);
  }

  /** `<Run e/p/id (state)>`. */
  toString(): string {
    return describeRun(this.entity, this.project, this.id, this.state);
  }

  /** @internal The storage id, required by mutations. */
  requireStorageId(): string {
    const id = this.storageId;
    if (!id) throw new NotFoundError(`Could not find run ${this.toString()}`);
    return id;
  }

  /** Writes the whole summary and keeps the attributes in step, so a later `load()` keeps it. */
  private async writeSummary(options: RequestOptions): Promise<void> {
    const { writeSummary } = await loadOnDemand();
    this.attrs = { ...this.attrs, summaryMetrics: await writeSummary(this, options) };
  }

  private decode(): void {
    const attrs = this.attrs;
    this.name = attrs.displayName ?? null;
    this.tags = [...(attrs.tags ?? [])];
    this.notes = attrs.notes ?? null;
    this.description = attrs.description ?? null;
    this.group = attrs.group ?? null;
    this.jobType = attrs.jobType ?? null;
    const { config, rawConfig } = decodeConfig(attrs.config);
    this.config = config;
    this.rawConfig = rawConfig;
    this.summary = decodeJsonObject('summaryMetrics', attrs.summaryMetrics);
    this.systemMetrics = decodeJsonObject('systemMetrics', attrs.systemMetrics);
  }
}
