import { ProjectDocument, type ProjectFieldsFragment } from '@wbapi/gql';
import { NotFoundError } from '../errors';
import type { ApiContext, RequestOptions } from '../api/context';
import { appPageUrl } from '../api/app-url';
import type { Platform } from '../platform';
import { Runs, type RunsOptions } from '../runs/runs';
import { Sweeps, type SweepsOptions } from '../sweeps/sweeps';

/** The raw GraphQL attributes of a project. */
export type ProjectAttrs = ProjectFieldsFragment;

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
    const result = await this.context.client.request(
      ProjectDocument,
      { entity: this.entity, project: this.name },
      call,
    );
    if (!result.project) throw new NotFoundError(`Could not find project ${this.entity}/${this.name}`);
    this.attrs = result.project;
    return this;
  }

  /** The project's runs; same options as `api.runs()`. */
  runs(options: RunsOptions = {}): Runs<P> {
    return new Runs(this.context, { entity: this.entity, project: this.name }, options);
  }

  /** The project's sweeps, with `length()` from the project's sweep total. */
  sweeps(options: SweepsOptions = {}): Sweeps<P> {
    return new Sweeps(this.context, this.entity, this.name, options);
  }

  /** `<Project entity/name>`. */
  toString(): string {
    return `<Project ${this.entity}/${this.name}>`;
  }
}
