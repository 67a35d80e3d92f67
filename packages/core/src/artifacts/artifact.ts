import type { ArtifactFieldsFragment } from '@wbapi/gql';
import type { Session, RequestOptions } from '../session/session';
import { BadInputError } from '../errors/bad-input-error';
import type { ArtifactDownloadArgs, ArtifactDownloadResultOf, Platform } from '../platform';
import { decodeJsonObject, type JsonObject } from '../runs/decode';
import { artifactFile, artifactFiles, type ArtifactFilesOptions } from './artifact-files';
import type { ArtifactFile } from './artifact-file';
import { artifactLoggedBy, artifactUsedBy, type ArtifactRunRef } from './lineage';
import { fetchArtifactManifest, type ArtifactManifest } from './manifest';

/** The raw GraphQL attributes of an artifact version (the `ArtifactFields` fragment). */
export type ArtifactAttrs = ArtifactFieldsFragment;

/** Where an artifact was addressed: the collection it was asked through (a registry link, or its own sequence). */
export interface ArtifactAddress {
  entity: string;
  project: string;
  collection: string;
  /** The alias or version as requested (`latest`, `v3`, `prod`), or null for a bare name. */
  alias: string | null;
  /** Kind of the addressed collection. */
  collectionType: 'ArtifactSequence' | 'ArtifactPortfolio';
}

/** What a membership (A1) adds: its index and aliases in the addressed collection. */
export interface MembershipInfo {
  versionIndex: number | null;
  aliases: readonly string[];
}

const VERSION = /^v\d+$/;

/**
 * One artifact version (a dataset, a model, ...), as addressed by a path such as
 * `acme/mnist/model:latest` or a registry path. Reading it costs nothing; `files()`,
 * `manifest()` and lineage ask the server. Download it with the platform (`downloadArtifact`
 * in Node).
 *
 * @example
 * const model = await resolveArtifact(context, 'acme/mnist/model:prod');
 * console.log(model.qualifiedName, model.version, model.aliases, model.metadata);
 */
export class Artifact<P extends Platform = Platform> {
  /** @internal */
  readonly context: Session<P>;
  /** The raw GraphQL attributes. */
  readonly attrs: ArtifactAttrs;
  /** The collection this version was addressed through. */
  readonly address: ArtifactAddress;
  private readonly membership: MembershipInfo | undefined;
  private decodedMetadata: JsonObject | undefined;

  /** Builds an artifact from resolved data; get artifacts with `resolveArtifact` or listings. */
  constructor(
    context: Session<P>,
    attrs: ArtifactAttrs,
    address: ArtifactAddress,
    membership?: MembershipInfo,
  ) {
    this.context = context;
    this.attrs = attrs;
    this.address = address;
    this.membership = membership;
  }

  /** Aliases of the addressed collection: the membership's, else the artifact's own for that collection. */
  private addressedAliases(): string[] {
    if (this.membership) return [...this.membership.aliases];
    const { entity, project, collection } = this.address;
    return (this.attrs.aliases ?? [])
      .filter((a) => {
        const c = a.artifactCollection;
        return c?.name === collection && c.project?.name === project && c.project.entity.name === entity;
      })
      .map((a) => a.alias);
  }

  /** The artifact's id (base64). */
  get id(): string {
    return this.attrs.id;
  }
  /** `collection:alias` as addressed (`model:latest`), or `collection:vN` from listings. */
  get name(): string {
    return `${this.address.collection}:${this.address.alias ?? this.version}`;
  }
  /** The addressed collection's name. */
  get collectionName(): string {
    return this.address.collection;
  }
  /** `entity/project/collection:alias`. */
  get qualifiedName(): string {
    return `${this.address.entity}/${this.address.project}/${this.name}`;
  }
  /** Entity of the addressed collection (the org entity for registry links). */
  get entity(): string {
    return this.address.entity;
  }
  /** Project of the addressed collection (`wandb-registry-<name>` for registry links). */
  get project(): string {
    return this.address.project;
  }
  /** The version in the addressed collection, `vN`. */
  get version(): string {
    const versions = this.addressedAliases().filter((a) => VERSION.test(a));
    if (versions.length > 0) return versions[0] as string;
    const index = this.membership?.versionIndex ?? this.attrs.versionIndex ?? 0;
    return `v${index}`;
  }
  /** Aliases in the addressed collection besides `vN` (`latest`, user aliases). */
  get aliases(): string[] {
    return this.addressedAliases().filter((a) => !VERSION.test(a));
  }
  /** Tags of the version. */
  get tags(): string[] {
    return this.attrs.tags.map((t) => t.name);
  }
  /** The artifact type, e.g. `dataset` or `model`. */
  get type(): string {
    return this.attrs.artifactType.name;
  }
  /** Free-text description, or null. */
  get description(): string | null {
    return this.attrs.description ?? null;
  }
  /** Metadata, decoded like config (NaN and ±Infinity kept as numbers); `{}` when none. */
  get metadata(): JsonObject {
    this.decodedMetadata ??= decodeJsonObject('metadata', this.attrs.metadata);
    return this.decodedMetadata;
  }
  /** Bytes of every file, references included. */
  get size(): number {
    return Number(this.attrs.size);
  }
  /** Number of manifest entries, references included. */
  get fileCount(): number {
    return Number(this.attrs.fileCount);
  }
  /** Hex MD5 over the manifest (changes whenever any file does). */
  get digest(): string {
    return this.attrs.digest;
  }
  /** `PENDING`, `COMMITTED` or `DELETED`. */
  get state(): string {
    return this.attrs.state;
  }
  /** When the version was created (UTC ISO text). */
  get createdAt(): string {
    return this.attrs.createdAt;
  }
  /** When the version was last updated (falls back to `createdAt`). */
  get updatedAt(): string {
    return this.attrs.updatedAt ?? this.attrs.createdAt;
  }
  /** Time to live in seconds, or null when the version does not expire. */
  get ttlSeconds(): number | null {
    const ttl = Number(this.attrs.ttlDurationSeconds);
    return ttl > 0 ? ttl : null;
  }
  /** Whether the TTL comes from the collection's default. */
  get ttlIsInherited(): boolean {
    return this.attrs.ttlIsInherited;
  }
  /** Git commit recorded with the version, or null. */
  get commitHash(): string | null {
    return this.attrs.commitHash ?? null;
  }
  /** History step of the logging run when the version was logged (the SDK's `history_step`), or null. */
  get historyStep(): number | null {
    const step = this.attrs.historyStep;
    return step === null || step === undefined ? null : Math.max(0, Number(step) - 1);
  }
  /** Entity, project and collection the version was logged to. */
  get source(): { entity: string; project: string; collection: string; version: string } {
    const seq = this.attrs.artifactSequence;
    return {
      entity: seq.project?.entity.name ?? this.address.entity,
      project: seq.project?.name ?? this.address.project,
      collection: seq.name,
      version: `v${this.attrs.versionIndex ?? 0}`,
    };
  }
  /** `<source collection>:v<source index>` (the SDK's `source_name`, also the default download folder). */
  get sourceName(): string {
    const { collection, version } = this.source;
    return `${collection}:${version}`;
  }
  /** Whether the addressed collection is a link collection (a portfolio, e.g. a registry collection). */
  get isLink(): boolean {
    return this.address.collectionType === 'ArtifactPortfolio';
  }

  /** The version's files (manifest entries, references included), page by page. */
  files(options: ArtifactFilesOptions = {}) {
    return artifactFiles(this, options);
  }

  /** One file by its path in the artifact; NotFoundError when absent. */
  file(name: string, options: RequestOptions = {}): Promise<ArtifactFile<P>> {
    return artifactFile(this, name, options);
  }

  /** The manifest: every entry with its digest, size and reference. */
  manifest(options: RequestOptions = {}): Promise<ArtifactManifest> {
    return fetchArtifactManifest(this, options);
  }

  /** Runs that used this version. */
  usedBy(options: RequestOptions = {}): Promise<ArtifactRunRef[]> {
    return artifactUsedBy(this.context, this.id, options);
  }

  /** The run that logged this version, or null (logged by a user). */
  loggedBy(options: RequestOptions = {}): Promise<ArtifactRunRef | null> {
    return artifactLoggedBy(this.context, this.id, options);
  }

  /**
   * Downloads every file of the version through the platform: on Node into `root` (default
   * `<WANDB_ARTIFACT_DIR or ./artifacts>/<collection>:v<N>`), each file checked against the
   * manifest, through the cache Python shares (see `downloadArtifact` in `@wbapi/node`); resolves
   * with the folder. Browsers have no whole-artifact download (a BadInputError): download files
   * one by one with `artifact.file(name).download()`.
   *
   * @example
   * const root = await artifact.download({ root: 'data', pathPrefix: 'train/', concurrency: 4 });
   */
  download(...args: ArtifactDownloadArgs<P>): Promise<ArtifactDownloadResultOf<P>> {
    const [options] = args;
    const platform = this.context.platform;
    if (!platform.downloadArtifact) {
      return Promise.reject(
        new BadInputError(
          `The ${platform.name} platform does not download whole artifacts: download files one by one with artifact.file(name).download()`,
        ),
      );
    }
    return platform.downloadArtifact(this as Artifact, (options ?? {}) as never) as Promise<
      ArtifactDownloadResultOf<P>
    >;
  }

  /** `<Artifact entity/project/name>`. */
  toString(): string {
    return `<Artifact ${this.qualifiedName}>`;
  }
}
