import {
  artifactCollection,
  artifactTypes,
  BadInputError,
  NotFoundError,
  parseArtifactPath,
  type Api,
  type Artifact,
  type ArtifactCollection,
  type RequestOptions,
} from '@wbapi/node';
import { createApi, write, type CliIo, type GlobalFlags } from '../context';
import { renderListing, type ListingFormat } from '../format/listing';

/** Flags of `wbapi artifact versions`. */
export interface ArtifactVersionsFlags {
  type?: string;
  format: ListingFormat;
}

/** The project part of a collection path, as `ls` takes it (`entity/project`, `org/wandb-registry-x`). */
async function projectOf(api: Api, path: string): Promise<string> {
  const parsed = parseArtifactPath(path, await api.context.defaults());
  const owner = parsed.organization ?? parsed.entity;
  return owner ? `${owner}/${parsed.project}` : parsed.project;
}

/** The collection at `path`: of `type`, else of whichever of the project's types has it. */
async function findCollection(
  api: Api,
  path: string,
  type: string | undefined,
  call: RequestOptions,
): Promise<ArtifactCollection> {
  if (path.includes(':')) {
    throw new BadInputError(
      `${path} names a version; artifact versions takes a collection: ${path.slice(0, path.indexOf(':'))}`,
    );
  }
  if (type !== undefined) return artifactCollection(api.context, type, path, call);
  const project = await projectOf(api, path);
  const types: string[] = [];
  for await (const found of artifactTypes(api.context, project, call)) {
    types.push(found.name);
    try {
      return await artifactCollection(api.context, found.name, path, call);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
  }
  const known = types.length > 0 ? `its artifact types: ${types.join(', ')}` : 'it has no artifacts';
  throw new NotFoundError(`No artifact collection ${path} in ${project} (${known})`);
}

function recordOf(artifact: Artifact): Record<string, unknown> {
  return {
    version: artifact.version,
    aliases: artifact.aliases,
    size: artifact.size,
    files: artifact.fileCount,
    created: artifact.createdAt,
    name: artifact.name,
    type: artifact.type,
    source: artifact.sourceName,
    digest: artifact.digest,
    state: artifact.state,
    description: artifact.description,
    tags: artifact.tags,
    metadata: artifact.metadata,
  };
}

/**
 * `wbapi artifact versions <entity/project/collection>`: a collection's committed versions,
 * newest first, with their aliases. The collection's type is looked up unless `--type` gives it;
 * a registry collection (`[org/]wandb-registry-<name>/<collection>`) also shows each version's
 * source (`<collection>:v<N>` it was logged as).
 */
export async function artifactVersionsCommand(
  path: string,
  flags: ArtifactVersionsFlags,
  globals: GlobalFlags,
  io: CliIo,
): Promise<void> {
  const api = createApi(globals, io);
  const call: RequestOptions = io.signal ? { signal: io.signal } : {};
  const collection = await findCollection(api, path, flags.type, call);
  const records: Record<string, unknown>[] = [];
  for await (const version of collection.versions(call)) records.push(recordOf(version));
  const columns = ['version', 'aliases', 'size', 'files', 'created'];
  await write(
    io.stdout,
    renderListing(records, flags.format, collection.isSequence ? columns : [...columns, 'source']),
  );
}
