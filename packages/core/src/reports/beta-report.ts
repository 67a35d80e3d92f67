import type { ApiContext } from '../api/api-context';
import { parseReplyJson } from '../errors/malformed-reply';
import type { Platform } from '../platform';
import type { Runs } from '../runs/runs';
import type { ReportAttrs } from './list-reports';
import { reportRunsQuery, type ReportRunsOptions } from './report-runs';
import { reportUrl } from './report-url';

/** The author of a report, as the server sends it. */
export interface ReportUser {
  /** Login name. */
  username: string | null;
  /** Avatar URL. */
  photoUrl: string | null;
  /** Email address. */
  email: string | null;
}

/** A report section (an element of `spec.panelGroups`), with its run sets. */
export type ReportSection = Record<string, unknown>;

/** A report (beta, like the SDK's): its spec, sections and the runs a section shows. */
export class BetaReport<P extends Platform = Platform> {
  /** The report's entity. */
  readonly entity: string;
  /** The report's project. */
  readonly project: string;
  /** The raw GraphQL attributes. */
  readonly attrs: ReportAttrs;
  /** The parsed spec (`{}` when absent). */
  readonly spec: Record<string, unknown>;
  /** @internal */
  readonly context: ApiContext<P>;

  /** Builds a report from listing data; get reports with `api.reports(path)`. */
  constructor(context: ApiContext<P>, entity: string, project: string, attrs: ReportAttrs) {
    this.context = context;
    this.entity = entity;
    this.project = project;
    this.attrs = attrs;
    const spec = attrs.spec ? parseReplyJson('spec', attrs.spec) : {};
    this.spec = typeof spec === 'object' && spec !== null ? (spec as Record<string, unknown>) : {};
  }

  /** The view id. */
  get id(): string {
    return this.attrs.id;
  }
  /** The report's internal name. */
  get name(): string | null {
    return this.attrs.name ?? null;
  }
  /** The title. */
  get displayName(): string | null {
    return this.attrs.displayName ?? null;
  }
  /** The description. */
  get description(): string | null {
    return this.attrs.description ?? null;
  }
  /** The author. */
  get user(): ReportUser | null {
    const user = this.attrs.user;
    return user
      ? { username: user.username ?? null, photoUrl: user.photoUrl ?? null, email: user.email ?? null }
      : null;
  }
  /** When the report was last updated. */
  get updatedAt(): string | null {
    return this.attrs.updatedAt ?? null;
  }
  /** When the report was created. */
  get createdAt(): string | null {
    return this.attrs.createdAt ?? null;
  }
  /** `spec.panelGroups` (old report format); `[]` when the spec has none. */
  get sections(): ReportSection[] {
    const groups = this.spec['panelGroups'];
    return Array.isArray(groups) ? (groups as ReportSection[]) : [];
  }
  /** The report's page in the web UI, or null when a part is missing. */
  get url(): string | null {
    return reportUrl(this.context.appUrl, this.entity, this.project, this.displayName, this.id);
  }

  /** The runs a section shows: its open run set's filters and sort, only the selected runs by default. */
  runs(section: ReportSection, options: ReportRunsOptions = {}): Runs<P> {
    const { perPage = 50, onlySelected = true, ...call } = options;
    const { filters, order } = reportRunsQuery(section, onlySelected);
    return this.context.runs(
      { entity: this.entity, project: this.project },
      { ...call, perPage, order, filters },
    );
  }
}
