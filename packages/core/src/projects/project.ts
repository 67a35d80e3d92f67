import type { ApiContext } from '../api/api-context';
import type { Platform } from '../platform';
import type { RunsOptions } from '../runs/list-runs';
import type { Runs } from '../runs/runs';
import { appPageUrl } from '../session/app-url';
import type { RequestOptions } from '../session/session';
import type { SweepsOptions } from '../sweeps/list-sweeps';
import { Sweeps } from '../sweeps/sweeps';
import { getProject, type ProjectAttrs } from './list-projects';

/**
 * A project: a namespace for runs. From `api.projects()` it comes loaded; from
 * `api.project(name)` it is lazy: call {@link Project.load} before reading `id` or `createdAt`.
 */
export class Project<P extends Platform = Platform> {
  /** The project's entity. */
  readonly entity: string;
  /** The project's name. */
  readonly name: string;
  /** The raw attributes, null until loaded. */
  attrs: ProjectAttrs | null;
  /** @internal */
  readonly context: ApiContext<P>;

  /** Builds a project; attributes are optional (lazy). */
  constructor(context: ApiContext<P>, entity: string, name: string, attrs: ProjectAttrs | null = null) {
    this.context = context;
    this.entity = entity;
    this.name = name;
    this.attrs = attrs;
  }

  /** The GraphQL id, once loaded. */
  get id(): string | null {
    return this.attrs?.id ?? null;
  }
  /** When the project was created, once loaded. */
  get createdAt(): string | null {
    return this.attrs?.createdAt ?? null;
  }
  /** Whether this is a benchmark project, once loaded. */
  get isBenchmark(): boolean | null {
    return this.attrs?.isBenchmark ?? null;
  }
  /** `[entity, name]`. */
  get path(): [string, string] {
    return [this.entity, this.name];
  }
  /** The project's workspace in the web UI (`<app>/<entity>/<project>/workspace`, as in Python). */
  get url(): string {
    return appPageUrl(this.context.appUrl, [this.entity, this.name, 'workspace']);
  }

  /** Fetches the attributes (when not loaded yet, or when forced); a missing project is a NotFoundError. */
  async load(options: RequestOptions & { force?: boolean } = {}): Promise<this> {
    const { force, ...call } = options;
    if (this.attrs && !force) return this;
    this.attrs = await getProject(this.context, { entity: this.entity, project: this.name }, call);
    return this;
  }

  /** The project's runs; same options as `api.runs()`. */
  runs(options: RunsOptions = {}): Runs<P> {
    return this.context.runs({ entity: this.entity, project: this.name }, options);
  }

  /** The project's sweeps, with `length()` from the project's sweep total. */
  sweeps(options: SweepsOptions = {}): Sweeps<P> {
    return new Sweeps(this.context, { entity: this.entity, project: this.name }, options);
  }

  /** `<Project entity/name>`. */
  toString(): string {
    return `<Project ${this.entity}/${this.name}>`;
  }
}
