import type { ArtifactCollectionFieldsFragment } from '@wbapi/gql';
import type { Session, RequestOptions } from '../session/session';
import type { Pager } from '../pagination';
import type { Platform } from '../platform';
import type { Artifact } from './artifact';
import { collectionVersions } from './artifact-versions';

/** The raw GraphQL attributes of a collection. */
export type ArtifactCollectionAttrs = ArtifactCollectionFieldsFragment;

/** A named series of versions: a sequence a project logged to, or a portfolio of links (registry). */
export class ArtifactCollection<P extends Platform = Platform> {
  /** @internal */
  readonly context: Session<P>;
  /** The raw GraphQL attributes. */
  readonly attrs: ArtifactCollectionAttrs;
  /** Entity of the collection's project. */
  readonly entity: string;
  /** The collection's project. */
  readonly project: string;

  /** Builds a collection from listing data; get collections with `artifactCollections()`. */
  constructor(
    context: Session<P>,
    attrs: ArtifactCollectionAttrs,
    where: { entity: string; project: string },
  ) {
    this.context = context;
    this.attrs = attrs;
    this.entity = attrs.project?.entity.name ?? where.entity;
    this.project = attrs.project?.name ?? where.project;
  }

  /** The collection's id. */
  get id(): string {
    return this.attrs.id;
  }
  /** The collection's name. */
  get name(): string {
    return this.attrs.name;
  }
  /** The artifact type of its versions. */
  get type(): string {
    return this.attrs.type.name;
  }
  /** Free-text description, or null. */
  get description(): string | null {
    return this.attrs.description ?? null;
  }
  /** Tags of the collection. */
  get tags(): string[] {
    return this.attrs.tags.edges.flatMap((e) => (e.node ? [e.node.name] : []));
  }
  /** When it was created (UTC ISO text). */
  get createdAt(): string {
    return this.attrs.createdAt;
  }
  /** When it last changed, or null. */
  get updatedAt(): string | null {
    return this.attrs.updatedAt ?? null;
  }
  /** True for a sequence (versions logged by runs), false for a portfolio (links). */
  get isSequence(): boolean {
    return this.attrs.__typename === 'ArtifactSequence';
  }
  /** `entity/project/name`. */
  get path(): string {
    return `${this.entity}/${this.project}/${this.name}`;
  }

  /** The collection's committed versions, newest first. */
  versions(options: RequestOptions & { perPage?: number } = {}): Pager<Artifact<P>> {
    return collectionVersions(
      this.context,
      { entity: this.entity, project: this.project },
      this.type,
      this.name,
      options,
    );
  }

  /** `<ArtifactCollection entity/project/name (type)>`. */
  toString(): string {
    return `<ArtifactCollection ${this.path} (${this.type})>`;
  }
}
