import type { ApiContext } from '../api/api-context';
import type { Artifact } from '../artifacts/artifact';
import { requireArtifactCalls } from '../artifacts/require-artifact-calls';
import type { RunArtifactsOptions } from '../artifacts/run-artifacts';
import type { File } from '../files/file';
import { Files } from '../files/files';
import { fileNotFound, type FilesOptions } from '../files/list-files';
import type { HistoryColumns, HistoryOptions, HistoryRow } from '../history/history';
import {
  downloadHistoryExports,
  type DownloadHistoryExportsOptions,
  type HistoryExportsDownload,
} from '../history/history-exports';
import { HistoryScan, type ScanHistoryOptions } from '../history/history-scan';
import { lastHistoryStep } from '../history/last-history-step';
import { sampledHistory } from '../history/sampled-history';
import { anyKeyHistory } from '../history/any-key-history';
import type { Platform } from '../platform';
import type { Pager } from '../pagination/pager';
import { appPageUrl, quoteSegment } from '../session/app-url';
import type { RequestOptions } from '../session/session';
import type { Sweep } from '../sweeps/sweep';
import { createRun, type CreateRunOptions } from './create-run';
import type { JsonObject } from './decode';
import { fetchRunAttrs } from './get-run';
import { isPartial, markLoaded, requireLoaded } from './lazy-fields';
import { describeRun, type RunAttrs, type RunUser } from './run-attrs';
import { decodeRun } from './run-data';
import { runNotFound } from './run-not-found';
import { deleteRun, updateRun, writeSummary } from './run-update';
import { waitUntilFinished, type WaitOptions } from './wait-until-finished';

/**
 * One run of a project: its metadata, config, summary, history and files.
 *
 * Get one with `api.run(path)` (loaded eagerly) or from `api.runs(...)`. A run from a lazy or
 * selective listing (`{ lazy: true }`, `{ summaryKeys }`, `{ configKeys }`) has the light fields
 * (and the asked keys) until `await run.load()`: reading `config`, `rawConfig`, `summary`,
 * `systemMetrics` or `historyKeys` before that throws `NotLoadedError`. Writable fields
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

  /**
   * (Re)fetches the run when `force` is set, nothing was loaded yet, or it came from a lazy or
   * selective listing (then config, summary, system metrics and history keys are read); else
   * re-decodes the attributes.
   */
  async load(options: RequestOptions & { force?: boolean } = {}): Promise<this> {
    const { force, ...call } = options;
    // A forced load wants the server's current state, not a cached reply.
    if (force || this.attrs.id === undefined || isPartial(this)) {
      this.attrs = await fetchRunAttrs(this.context, this, call);
      markLoaded(this);
    }
    this.decode();
    return this;
  }

  /**
   * Sends the writable fields, config and summary in one `upsertBucket` (retried like a query).
   * Keys left alone go back exactly as received (big integers, `2.50`, `desc` included).
   * A run from a lazy or selective listing must be loaded first (else `NotLoadedError`).
   */
  async update(options: RequestOptions = {}): Promise<void> {
    requireLoaded(this, 'run.update()');
    const attrs = await updateRun(
      this.context,
      {
        ...this,
        storageId: this.requireStorageId(),
        configText: textOf(this.attrs.config),
        summaryText: textOf(this.attrs.summaryMetrics),
      },
      options,
    );
    if (attrs) this.attrs = { ...attrs, name: this.id };
  }

  /**
   * Merges `patch` into the summary (keys whitespace-trimmed) and writes the whole summary now;
   * other keys go back as received. A run from a lazy or selective listing must be loaded first.
   */
  async updateSummary(patch: JsonObject, options: RequestOptions = {}): Promise<void> {
    requireLoaded(this, 'run.updateSummary()');
    for (const [key, value] of Object.entries(patch)) this.summary[key.trim()] = value;
    const summaryText = textOf(this.attrs.summaryMetrics);
    const sent = await writeSummary(this.context, this.requireStorageId(), this.summary, {
      ...options,
      summaryText,
    });
    this.attrs = { ...this.attrs, summaryMetrics: sent };
  }

  /** Deletes the run (and its artifacts when asked). Mutations are not retried. */
  async delete(options: RequestOptions & { deleteArtifacts?: boolean } = {}): Promise<void> {
    await deleteRun(this.context, this.requireStorageId(), options);
  }

  /** The last history step, fetched on every call; −1 when the run has no history. */
  lastHistoryStep(options: RequestOptions = {}): Promise<number> {
    return lastHistoryStep(this.context, this, options);
  }

  /** Sampled history rows (or columns), like Python's `run.history()`; see `sampledHistory`. */
  history(options: HistoryOptions & { format: 'columns' }): Promise<HistoryColumns>;
  history(options?: HistoryOptions & { format?: 'rows' }): Promise<HistoryRow[]>;
  history(options: HistoryOptions = {}): Promise<HistoryRow[] | HistoryColumns> {
    const { match, ...rest } = options;
    if (match !== 'any') return sampledHistory(this.context, this, options);
    // Rows having any key: anyKeyHistory (without keys, every row has "any": the full history).
    return rest.keys
      ? anyKeyHistory(this.context, this, { ...rest, keys: rest.keys })
      : sampledHistory(this.context, this, rest);
  }

  /** Every history row in step order, paged by step ranges; see {@link HistoryScan}. */
  scanHistory(options: ScanHistoryOptions = {}): HistoryScan {
    return new HistoryScan(this.context, this, options);
  }

  /** Saves the run's Parquet history exports in `dir` (Node), like Python's `download_history_exports`; see `downloadHistoryExports`. */
  downloadHistoryExports(
    dir: string,
    options: DownloadHistoryExportsOptions = {},
  ): Promise<HistoryExportsDownload> {
    return downloadHistoryExports(this.context, this, dir, options);
  }

  /** The run's files, optionally by exact names or a SQL LIKE pattern. */
  files(options: FilesOptions = {}): Files<P> {
    return new Files(this.context, this, options);
  }

  /** One file by name; NotFoundError when the run has no such file. */
  async file(name: string, options: RequestOptions = {}): Promise<File<P>> {
    const [file] = await new Files(this.context, this, { ...options, names: [name], perPage: 1 }).toArray({
      limit: 1,
    });
    if (!file) throw fileNotFound(this, name);
    return file;
  }

  /**
   * Polls until the run is `finished`, `crashed` or `failed` (every 5 s by default), then
   * reloads it; resolves with the final state. Stop early with `signal`.
   */
  async waitUntilFinished(options: WaitOptions = {}): Promise<string> {
    const state = await waitUntilFinished(this.context, this, options);
    const { intervalMs: _interval, ...call } = options;
    await this.load({ ...call, force: true });
    return state;
  }

  /** The sweep the run belongs to (fetched on call; the sweep code and YAML parser load then), or null. */
  async sweep(options: RequestOptions = {}): Promise<Sweep<P> | null> {
    const sweepName = this.sweepName;
    if (!sweepName) return null;
    return this.context.sweep({ entity: this.entity, project: this.project, id: sweepName }, options);
  }

  /** The artifact versions this run logged, each as `collection:vN`. */
  loggedArtifacts(options?: RunArtifactsOptions): Pager<Artifact<P>> {
    return requireArtifactCalls(this.context).runArtifacts(this.context, this, 'logged', options);
  }

  /** The artifact versions this run used, each as `collection:vN`. */
  usedArtifacts(options?: RunArtifactsOptions): Pager<Artifact<P>> {
    return requireArtifactCalls(this.context).runArtifacts(this.context, this, 'used', options);
  }

  /**
   * Creates a run like Python's `Run.create` (no default-entity lookup: a null entity lets the
   * server choose the viewer's). `api.createRun()` fills in the default entity first.
   */
  static async create<P extends Platform>(
    api: { readonly context: ApiContext<P> },
    options: CreateRunOptions = {},
  ): Promise<Run<P>> {
    const data = await createRun(api.context, options);
    return new Run(api.context, data.entity, data.project, data.id, data.attrs);
  }

  /** `<Run e/p/id (state)>`. */
  toString(): string {
    return describeRun(this.entity, this.project, this.id, this.state);
  }

  /** @internal The storage id, required by mutations. */
  requireStorageId(): string {
    const id = this.storageId;
    if (!id) throw runNotFound(this, this.state);
    return id;
  }

  private decode(): void {
    Object.assign(this, decodeRun(this.attrs));
  }
}

/** A JSON string attribute as received, or null when the server sent none. */
function textOf(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
