import { projectOf, type Context } from '../schema/context';
import { typedId } from '../util/ids';
import { md5Hex } from './digest';
import { manifestJson } from './manifest';
import { aliasNames, collectionById } from './read';
import type { ArtifactRow, CollectionRow, EntryRow, MembershipRow } from './rows';

/** A collection as the source of the `ArtifactCollection` interface (its `__typename` picks the type). */
export type CollectionNode = CollectionRow & { __typename: 'ArtifactSequence' | 'ArtifactPortfolio' };

/** An alias as the source of `ArtifactAlias`. */
export interface AliasNode {
  id: string;
  alias: string;
  collectionId: number;
}

/** A `File` of an artifact (entry or manifest), with every field computed up front. */
export interface ArtifactFileNode {
  __artifactFile: true;
  id: string;
  name: string;
  displayName: string;
  url: string;
  directUrl: string;
  sizeBytes: number;
  mimetype: string | null;
  updatedAt: string | null;
  md5: string | null;
  digest: string | null;
  storagePath: string | null;
}

/** The GraphQL node of a collection row. */
export function collectionNode(row: CollectionRow): CollectionNode {
  return { ...row, __typename: row.kind === 'SEQUENCE' ? 'ArtifactSequence' : 'ArtifactPortfolio' };
}

/** Alias nodes of a membership (`vN`, `latest`, user aliases). */
export function aliasNodes(ctx: Context, membership: MembershipRow): AliasNode[] {
  return aliasNames(ctx.store, membership).map((alias) => ({
    id: typedId('ArtifactAlias', `${membership.collection_id}:${alias}`),
    alias,
    collectionId: membership.collection_id,
  }));
}

/** Path of a blob's signed download route: `/artifact-files/{hex}/{basename}`. */
export function blobPath(hex: string, path: string): string {
  return `/artifact-files/${hex}/${encodeURIComponent(path.split('/').at(-1) ?? path)}`;
}

/** The `File` node of a manifest entry; `entity` is the addressed collection's entity (fallback URL). */
export function entryFileNode(
  ctx: Context,
  artifact: ArtifactRow,
  entry: EntryRow,
  entity: string,
): ArtifactFileNode {
  const base = {
    __artifactFile: true as const,
    id: typedId('File', `artifact:${artifact.id}:${entry.path}`),
    name: entry.path,
    displayName: entry.path,
    sizeBytes: entry.size,
    mimetype: null,
    updatedAt: artifact.created_at,
    digest: entry.digest,
    storagePath: entry.blob_hex ? `wandb_artifacts/md5/${entry.blob_hex}` : null,
  };
  if (entry.ref !== null || entry.blob_hex === null) {
    // W&B lists a reference with url == directUrl == the reference URI.
    const uri = entry.ref ?? '';
    return { ...base, url: uri, directUrl: uri, md5: null };
  }
  return {
    ...base,
    url: `${ctx.baseUrl}/artifacts/${encodeURIComponent(entity)}/${md5Hex(entry.digest)}`,
    directUrl: ctx.store.artifacts.urls.sign(ctx.baseUrl, blobPath(entry.blob_hex, entry.path)),
    md5: entry.digest,
  };
}

/** Entity of a collection's project. */
export function collectionEntity(ctx: Context, collectionId: number): string {
  const collection = collectionById(ctx.store, collectionId) as CollectionRow;
  return projectOf(ctx, collection.project_id).entity_name;
}

/** The `ArtifactManifest` node of a version: its JSON served as a file at a signed URL. */
export function manifestNode(ctx: Context, artifact: ArtifactRow): { id: string; file: ArtifactFileNode } {
  const path = `/artifact-manifests/${artifact.id}`;
  const directUrl = ctx.store.artifacts.urls.sign(ctx.baseUrl, path, 'manifest');
  return {
    id: typedId('ArtifactManifest', artifact.id),
    file: {
      __artifactFile: true,
      id: typedId('File', `manifest:${artifact.id}`),
      name: 'wandb_manifest.json',
      displayName: 'wandb_manifest.json',
      url: directUrl,
      directUrl,
      get sizeBytes() {
        return Buffer.byteLength(JSON.stringify(manifestJson(ctx.store, artifact.id)));
      },
      mimetype: 'application/json',
      updatedAt: artifact.updated_at ?? artifact.created_at,
      md5: null,
      digest: null,
      storagePath: null,
    },
  };
}
