import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { ArtifactMembershipFilesDocument } from '@wbapi/gql';
import { Api, downloadArtifact, resolveArtifact } from '@wbapi/node';
import { bareRequest } from '../lib/bare-graphql';
import { LARGE_FILE_ARTIFACT, MANY_FILES_ARTIFACT } from '../lib/datasets';
import type { Workload, WorkloadContext } from './types';

/** The client: resolve, then `downloadArtifact` into a fresh root with a fresh (empty) cache. */
function clientDownload(path: string) {
  return (ctx: WorkloadContext) => async () => {
    const api = new Api({ baseUrl: ctx.url, apiKey: ctx.apiKey });
    const artifact = await resolveArtifact(api.context, path);
    const scratch = await mkdtemp(join(ctx.scratch, 'client-'));
    await downloadArtifact(artifact, { root: join(scratch, 'out'), cacheDir: join(scratch, 'cache') });
    await rm(scratch, { recursive: true, force: true });
    return artifact.size;
  };
}

interface FilesData {
  project: {
    artifactCollection: {
      artifactMembership: {
        files: {
          pageInfo: { endCursor: string | null; hasNextPage: boolean };
          edges: { node: { name: string; directUrl: string } }[];
        };
      };
    };
  };
}

/**
 * The bare loop: the same file listing (5000 per page), then plain GETs of every directUrl,
 * 8 at a time, streamed to disk: no manifest, no MD5, no cache, no retries.
 */
function bareDownload(path: string) {
  return (ctx: WorkloadContext) => async () => {
    const [entity, project, nameAlias] = path.split('/') as [string, string, string];
    const [collection, alias] = nameAlias.split(':') as [string, string];
    const urls: { name: string; url: string }[] = [];
    let cursor: string | null = null;
    for (;;) {
      const data: FilesData = await bareRequest<FilesData>(ctx, ArtifactMembershipFilesDocument, {
        entity,
        project,
        collection,
        alias,
        cursor,
        perPage: 5000,
      });
      const files = data.project.artifactCollection.artifactMembership.files;
      for (const edge of files.edges) urls.push({ name: edge.node.name, url: edge.node.directUrl });
      if (!files.pageInfo.hasNextPage) break;
      cursor = files.pageInfo.endCursor;
    }
    const root = await mkdtemp(join(ctx.scratch, 'limit-'));
    let bytes = 0;
    let next = 0;
    const worker = async () => {
      while (next < urls.length) {
        const { name, url } = urls[next++] as { name: string; url: string };
        const response = await fetch(url);
        if (!response.ok || !response.body) throw new Error(`download failed: HTTP ${response.status}`);
        const target = join(root, name);
        await mkdir(dirname(target), { recursive: true });
        const counted = Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>).on(
          'data',
          (chunk: Buffer) => (bytes += chunk.length),
        );
        await pipeline(counted, createWriteStream(target));
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    await rm(root, { recursive: true, force: true });
    return bytes;
  };
}

export const artifactManyFiles: Workload = {
  id: 'artifact-many',
  title: 'Download an artifact of many small files (verified, cached)',
  unit: 'bytes',
  client: clientDownload(MANY_FILES_ARTIFACT),
  limit: bareDownload(MANY_FILES_ARTIFACT),
};

export const artifactLargeFile: Workload = {
  id: 'artifact-large',
  title: 'Download an artifact of one large file (verified, cached)',
  unit: 'bytes',
  client: clientDownload(LARGE_FILE_ARTIFACT),
  limit: bareDownload(LARGE_FILE_ARTIFACT),
};
