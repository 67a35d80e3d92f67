import { ViewerDocument } from '@wbapi/gql';
import type { CallOptions, ClientOptions } from '../transport';
import type { Platform } from '../platform';
import type { Project } from '../projects/project';
import { Projects, type ProjectsOptions } from '../projects/projects';
import { Reports, type ReportsOptions } from '../reports/reports';
import type { CreateRunOptions } from '../runs/create-run';
import { Run } from '../runs/run';
import { Runs, type RunsOptions } from '../runs/runs';
import type { Sweep } from '../sweeps/sweep';
import { webPlatform } from './default-platform';
import {
  explainMissingRun,
  resolveEntity,
  resolveProjectPath,
  resolveReportsPath,
  resolveRunPath,
} from './resolve-path';
import { ApiSession } from './session';
import type { ApiOverrides, ResolvedSettings } from './settings';
import { toViewer, type Viewer } from './viewer';
import { loadOnDemand } from '../load-on-demand';

/**
 * Options of `new Api()`. Explicit options win over `overrides`, which win over the environment.
 * The transport options (`headers`, `timeoutMs`, `retry`, `cache`, `hooks`, `logger`,
 * `userAgent`, `clock`) are those of the GraphQL client.
 */
export interface ApiOptions<P extends Platform = Platform> extends Omit<
  ClientOptions,
  'baseUrl' | 'apiKey' | 'fetch'
> {
  /** API base URL. @defaultValue env `WANDB_BASE_URL`, else `https://api.wandb.ai` */
  baseUrl?: string;
  /** API key. @defaultValue env `WANDB_API_KEY`, else netrc (Node) */
  apiKey?: string;
  /** Default entity. @defaultValue env `WANDB_ENTITY`, else the viewer's default entity */
  entity?: string;
  /** Default project. @defaultValue env `WANDB_PROJECT` */
  project?: string;
  /** Web UI base URL for `.url` properties. @defaultValue derived from `baseUrl` */
  appUrl?: string;
  /** Python-style settings dict (`base_url`, `entity`, `project`, ...). */
  overrides?: ApiOverrides;
  /** The fetch to use. @defaultValue the platform's, else `globalThis.fetch` */
  fetch?: typeof fetch;
  /** The runtime adapter: downloads and environment settings. @defaultValue a fetch-only platform */
  platform?: P;
}

/**
 * Entry point of the W&B public query API, like Python's `wandb.Api()`.
 *
 * Settings are resolved on the first request; every method takes per-call options
 * (`signal`, `timeoutMs`, `retry`, `cache`, `headers`).
 *
 * @example
 * ```ts
 * const api = new Api({ apiKey: process.env.WANDB_API_KEY });
 * for await (const run of api.runs('acme/mnist', { filters: { state: 'finished' } })) console.log(run.name);
 * ```
 */
export class Api<P extends Platform = Platform> {
  /** The shared state domain objects use. */
  readonly context: ApiSession<P>;
  private readonly runCache = new Map<string, Promise<Run<P>>>();
  private readonly sweepCache = new Map<string, Promise<Sweep<P>>>();

  /** Builds an Api; no request is made until a method needs one. */
  constructor(options: ApiOptions<P> = {}) {
    const { baseUrl, apiKey, entity, project, appUrl, overrides, platform, ...client } = options;
    const chosen = platform ?? (webPlatform as unknown as P);
    this.context = new ApiSession<P>({ baseUrl, apiKey, entity, project, appUrl }, overrides, chosen, client);
  }

  /** Settings after options, overrides, environment and defaults (resolves them if needed). */
  settings(): Promise<ResolvedSettings> {
    return this.context.settings();
  }

  /** The viewer's default entity: asked once, cached once non-null. */
  defaultEntity(options: CallOptions = {}): Promise<string | null> {
    return this.context.defaultEntity(options);
  }

  /** The user the API key belongs to, or null when the key is not recognised. */
  async viewer(options: CallOptions = {}): Promise<Viewer | null> {
    const result = await this.context.client.request(ViewerDocument, {}, options);
    if (!result.viewer) return null;
    this.context.rememberEntity(result.viewer.entity ?? null);
    return toViewer(result.viewer);
  }

  /** An entity's projects (default: the settings or viewer entity). `length()` is not supported. */
  projects(entity?: string, options: ProjectsOptions = {}): Projects<P> {
    return new Projects(this.context, () => resolveEntity(this.context, entity, options), options);
  }

  /** A project, not loaded yet (call `load()` for its attributes). */
  async project(name: string, entity?: string, options: CallOptions = {}): Promise<Project<P>> {
    const { Project } = await loadOnDemand();
    return new Project(this.context, await resolveEntity(this.context, entity, options), name);
  }

  /**
   * The runs of a project (`entity/project` or `project`) matching `filters`, in `order`.
   * Filters that are not a JSON object throw BadInputError here, before any request.
   */
  runs(path?: string, options: RunsOptions = {}): Runs<P> {
    return new Runs(this.context, () => resolveProjectPath(this.context, path, options), options);
  }

  /** One run by path (`entity/project/id`, `project/id`, ...), loaded now; NotFoundError when missing. */
  run(path: string, options: CallOptions = {}): Promise<Run<P>> {
    return this.cached(this.runCache, path, async () => {
      const { entity, project, id } = await resolveRunPath(this.context, path, options);
      return new Run(this.context, entity, project, id)
        .load({ ...options, force: true })
        .catch((error: unknown) => Promise.reject(explainMissingRun(error, path)));
    });
  }

  /** One sweep by path, loaded now; NotFoundError when missing. */
  sweep(path: string, options: CallOptions = {}): Promise<Sweep<P>> {
    return this.cached(this.sweepCache, path, async () => {
      const { entity, project, id } = await resolveRunPath(this.context, path, options);
      const { loadSweep } = await loadOnDemand();
      return loadSweep(this.context, entity, project, id, options);
    });
  }

  /** A project's reports (`entity/project`), optionally one by name. */
  reports(path = '', options: ReportsOptions = {}): Reports<P> {
    return new Reports(this.context, () => resolveReportsPath(this.context, path, options), options);
  }

  /** Creates a run (entity: the given one, else the settings or viewer entity). */
  async createRun(options: CreateRunOptions = {}): Promise<Run<P>> {
    const entity = options.entity ?? (await resolveEntity(this.context, undefined, options));
    const { createRun } = await loadOnDemand();
    return createRun(this.context, { ...options, entity });
  }

  /** Forgets cached runs and sweeps and empties the response cache. */
  flush(): void {
    this.runCache.clear();
    this.sweepCache.clear();
    this.context.client.flush();
  }

  private cached<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
    const hit = cache.get(key);
    if (hit) return hit;
    const loading = load();
    cache.set(key, loading);
    loading.catch(() => cache.delete(key));
    return loading;
  }
}
