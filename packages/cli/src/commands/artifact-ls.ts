import {
  artifactCollections,
  artifactTypes,
  type Api,
  type ArtifactCollection,
  type RequestOptions,
} from '@wbapi/node';
import { createApi, write, type CliIo, type GlobalFlags } from '../context';
import { renderListing, type ListingFormat } from '../format/listing';

/** Flags of `wbapi artifact ls`. */
export interface ArtifactLsFlags {
  type?: string;
  format: ListingFormat;
}

/** What `ls` prints per collection; `size` and `created` are those of its newest version. */
async function recordOf(
  collection: ArtifactCollection,
  call: RequestOptions,
): Promise<Record<string, unknown>> {
  const versions = collection.versions({ ...call, perPage: 1 });
  const [latest] = await versions.toArray({ limit: 1 });
  return {
    type: collection.type,
    name: collection.name,
    path: collection.path,
    kind: collection.isSequence ? 'sequence' : 'portfolio',
    versions: await versions.length(),
    latest: latest?.version ?? null,
    aliases: latest?.aliases ?? [],
    size: latest?.size ?? null,
    created: latest?.createdAt ?? null,
    description: collection.description,
    tags: collection.tags,
  };
}

/** Every type of the project, or only `type`. */
async function typesOf(api: Api, project: string, type: string | undefined, call: RequestOptions) {
  if (type !== undefined) return [type];
  const names: string[] = [];
  for await (const found of artifactTypes(api.context, project, call)) names.push(found.name);
  return names;
}

/**
 * `wbapi artifact ls <entity/project>`: the project's artifact collections (of every type, or of
 * `--type`), each with its number of versions and its newest version. A registry is listed as
 * `[org/]wandb-registry-<name>`.
 */
export async function artifactLsCommand(
  project: string,
  flags: ArtifactLsFlags,
  globals: GlobalFlags,
  io: CliIo,
): Promise<void> {
  const api = createApi(globals, io);
  const call: RequestOptions = io.signal ? { signal: io.signal } : {};
  const records: Record<string, unknown>[] = [];
  for (const type of await typesOf(api, project, flags.type, call)) {
    for await (const collection of artifactCollections(api.context, project, type, call)) {
      records.push(await recordOf(collection, call));
    }
  }
  if (records.length === 0) {
    await write(
      io.stderr,
      `wbapi: ${project} has no artifacts${flags.type ? ` of type ${flags.type}` : ''}\n`,
    );
  }
  await write(
    io.stdout,
    renderListing(records, flags.format, [
      'type',
      'name',
      'versions',
      'latest',
      'aliases',
      'size',
      'created',
    ]),
  );
}
