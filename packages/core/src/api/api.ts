import type { Artifact } from '../artifacts/artifact';
import type { ArtifactCollection } from '../artifacts/artifact-collection';
import type { ArtifactType } from '../artifacts/artifact-listings';
import type { ArtifactCalls } from '../artifacts/artifact-calls';
import type { ArtifactListOptions } from '../artifacts/artifact-versions';
import { requireArtifactCalls } from '../artifacts/require-artifact-calls';
import type { ResolveArtifactOptions } from '../artifacts/resolve-artifact';
import type { Pager } from '../pagination/pager';
import type { Platform } from '../platform';
import { Project } from '../projects/project';
import { Projects } from '../projects/projects';
import type { ProjectsOptions } from '../projects/list-projects';
import type { ReportsOptions } from '../reports/list-reports';
import { Reports } from '../reports/reports';
import { createRun, type CreateRunOptions } from '../runs/create-run';
import type { RunsOptions } from '../runs/list-runs';
import { Run } from '../runs/run';
import { Runs } from '../runs/runs';
import { ApiSession } from '../session/api-session';
import { webPlatform } from '../session/default-platform';
import {
  explainMissingRun,
  resolveEntity,
  resolveProjectPath,
  resolveReportsPath,
  resolveRunPath,
} from '../session/resolve-path';
import type { SessionOptions } from '../session/create-session';
import type { CacheOptions } from '../transport/options';
import { responseCache, type CachePart } from '../transport/query-cache';
import type { RequestOptions } from '../session/session';
import type { ResolvedSettings } from '../session/settings';
import { getViewer, type Viewer } from '../session/viewer';
import { getSweep } from '../sweeps/get-sweep';
import { createSweep, type CreatedSweep, type CreateSweepOptions } from '../sweeps/create-sweep';
import type { SweepConfigInput } from '../sweeps/sweep-config-text';
import type { Entity } from '../entities/entity';
import { loadEntity, loadTeam } from '../entities/load-entity';
import { Sweep } from '../sweeps/sweep';
import type { ApiContext } from './api-context';
import { ObjectCache } from './object-cache';

/**
 * Options of `new Api()`: those of `createSession`, with a response cache by default. Explicit
 * options win over `overrides`, which win over the environment. The transport options
 * (`headers`, `timeoutMs`, `retry`, `hooks`, `logger`, `userAgent`, `clock`) are those of the
 * GraphQL client.
 */
export interface ApiOptions<P extends Platform = Platform> extends Omit<SessionOptions<P>, 'cache'> {
  /**
   * The response cache: its settings, a cache part (`responseCache(...)`), or `false` for none.
   * @defaultValue a cache of 1,000 entries kept 60 s (see {@link CacheOptions})
   */
  cache?: Partial<CacheOptions> | CachePart | false;
  /**
   * The artifact functions behind `api.artifact()`, `api.artifactTypes()`, `run.loggedArtifacts()`,
   * ...: pass `artifactCalls`. The Node `Api` passes them itself; in a page they are left out
   * unless passed, so that pages without artifacts do not ship that code.
   * @defaultValue none (`@wbapi/node`: `artifactCalls`)
   */
  artifacts?: ArtifactCalls;
}

/** The class layer's context over a session: the session itself plus the run and sweep constructors. */
function apiContext<P extends Platform>(
  session: ApiSession<P>,
  artifacts: ArtifactCalls | undefined,
): ApiContext<P> {
  const context: ApiContext<P> = Object.assign(session, {
    artifacts,
    runs: (target: Parameters<ApiContext<P>['runs']>[0], options?: RunsOptions): Runs<P> =>
      new Runs(context, target, options),
    sweep: async (
      ref: Parameters<ApiContext<P>['sweep']>[0],
      options?: RequestOptions,
    ): Promise<Sweep<P>> => {
      return new Sweep(context, await getSweep(context, ref, options));
    },
  });
  return context;
}

/**
 * Entry point of the W&B public query API, like Python's `wandb.Api()`: classes (`Run`,
 * `Runs`, `Sweep`, `Project`, `BetaReport`) over the functions (`listRuns`, `getRun`, ...).
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
  /** The session and class constructors every object of this Api shares; pass it to the functions too. */
  readonly context: ApiContext<P>;
  private readonly session: ApiSession<P>;
  private readonly runCache = new ObjectCache<Run<P>>();
  private readonly sweepCache = new ObjectCache<Sweep<P>>();

  /** Builds an Api; no request is made until a method needs one. */
  constructor(options: ApiOptions<P> = {}) {
    const { baseUrl, apiKey, entity, project, appUrl, overrides, platform, cache, artifacts, ...client } =
      options;
    const chosen = platform ?? (webPlatform as unknown as P);
    const part = cache === false || typeof cache === 'function' ? cache : responseCache(cache);
    this.session = new ApiSession<P>({ baseUrl, apiKey, entity, project, appUrl }, overrides, chosen, {
      ...client,
      cache: part,
    });
    this.context = apiContext(this.session, artifacts);
  }

  /** Settings after options, overrides, environment and defaults (resolves them if needed). */
  settings(): Promise<ResolvedSettings> {
    return this.session.settings();
  }

  /** The viewer's default entity: asked once, cached once non-null. */
  defaultEntity(options: RequestOptions = {}): Promise<string | null> {
    return this.session.defaultEntity(options);
  }

  /** The user the API key belongs to, or null when the key is not recognised. */
  viewer(options: RequestOptions = {}): Promise<Viewer | null> {
    return getViewer(this.session, options);
  }

  /** An entity's projects (default: the settings or viewer entity). `length()` is not supported. */
  projects(entity?: string, options: ProjectsOptions = {}): Projects<P> {
    return new Projects(this.context, () => resolveEntity(this.session, entity, options), options);
  }

  /** A project, not loaded yet (call `load()` for its attributes). */
  async project(name: string, entity?: string, options: RequestOptions = {}): Promise<Project<P>> {
    const chosen = await resolveEntity(this.session, entity, options);
    return new Project(this.context, chosen, name);
  }

  /**
   * The runs of a project (`entity/project` or `project`) matching `filters`, in `order`.
   * Filters that are not a JSON object throw BadInputError here, before any request.
   */
  runs(path?: string, options: RunsOptions = {}): Runs<P> {
    return new Runs(this.context, () => resolveProjectPath(this.session, path, options), options);
  }

  /** One run by path (`entity/project/id`, `project/id`, ...), loaded now; NotFoundError when missing. */
  run(path: string, options: RequestOptions = {}): Promise<Run<P>> {
    return this.runCache.get(path, async () => {
      const { entity, project, id } = await resolveRunPath(this.session, path, options);
      return new Run(this.context, entity, project, id)
        .load({ ...options, force: true })
        .catch((error: unknown) => Promise.reject(explainMissingRun(error, path)));
    });
  }

  /** One sweep by path, loaded now; NotFoundError when missing. */
  sweep(path: string, options: RequestOptions = {}): Promise<Sweep<P>> {
    return this.sweepCache.get(path, async () =>
      this.context.sweep(await resolveRunPath(this.session, path, options), options),
    );
  }

  /** A project's reports (`entity/project`), optionally one by name. */
  reports(path = '', options: ReportsOptions = {}): Reports<P> {
    return new Reports(this.context, () => resolveReportsPath(this.session, path, options), options);
  }

  /** Creates a run (entity: the given one, else the settings or viewer entity). */
  async createRun(options: CreateRunOptions = {}): Promise<Run<P>> {
    const entity = options.entity ?? (await resolveEntity(this.session, undefined, options));
    const data = await createRun(this.session, { ...options, entity });
    return new Run(this.context, data.entity, data.project, data.id, data.attrs);
  }

  /** Creates a sweep (Python's `wandb.sweep`): config object or YAML text; load it with `sweep(created.path)`. */
  createSweep(config: SweepConfigInput, options: CreateSweepOptions = {}): Promise<CreatedSweep> {
    return createSweep(this.session, config, options);
  }

  /** A user's entity or a team with its members; null when none has that name. */
  entity(name: string, options: RequestOptions = {}): Promise<Entity | null> {
    return loadEntity(this.session, name, options);
  }

  /** A team with its members (Python's `api.team`); NotFoundError when missing. */
  team(name: string, options: RequestOptions = {}): Promise<Entity> {
    return loadTeam(this.session, name, options);
  }

  /**
   * One artifact version by path (`entity/project/name:alias`, `project/name:v3`, registry paths
   * `[org/]wandb-registry-<registry>/<name>:<alias>`); see `resolveArtifact`. A `type` that does
   * not match is a BadInputError.
   */
  async artifact(path: string, options?: ResolveArtifactOptions): Promise<Artifact<P>> {
    return requireArtifactCalls(this.context).resolveArtifact(this.context, path, options);
  }

  /** Whether a path names an artifact version (false when not found or invalid; other failures throw). */
  async artifactExists(path: string, options?: ResolveArtifactOptions): Promise<boolean> {
    return requireArtifactCalls(this.context).artifactExists(this.context, path, options);
  }

  /** The artifact types of a project (`entity/project`, `project`, or a registry). */
  artifactTypes(project?: string, options?: ArtifactListOptions): Pager<ArtifactType> {
    return requireArtifactCalls(this.context).artifactTypes(this.context, project, options);
  }

  /** The collections of one artifact type in a project, newest first; `length()` is the server's count. */
  artifactCollections(
    project: string | undefined,
    type: string,
    options?: ArtifactListOptions,
  ): Pager<ArtifactCollection<P>> {
    return requireArtifactCalls(this.context).artifactCollections(this.context, project, type, options);
  }

  /** One collection by type and path (`entity/project/name`); NotFoundError when missing. */
  async artifactCollection(
    type: string,
    path: string,
    options?: RequestOptions,
  ): Promise<ArtifactCollection<P>> {
    return requireArtifactCalls(this.context).artifactCollection(this.context, type, path, options);
  }

  /** The committed versions of a collection (`entity/project/name`), newest first (Python's `api.artifacts`). */
  artifactVersions(type: string, path: string, options?: ArtifactListOptions): Pager<Artifact<P>> {
    return requireArtifactCalls(this.context).artifactVersions(this.context, type, path, options);
  }

  /** Forgets cached runs and sweeps and empties the response cache. */
  flush(): void {
    this.runCache.clear();
    this.sweepCache.clear();
    this.session.client.flush();
  }
}
