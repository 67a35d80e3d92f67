import { projectOf, type Context } from '../schema/context';
import type { FileRow, RunRow } from '../store/rows';
import { typedId } from '../util/ids';
import type { TypeResolvers } from './types';

/** A file with the run it belongs to (the source of `File` resolvers). */
export interface FileSource {
  file: FileRow;
  run: RunRow;
}

/** Path of a file's bytes on this server: `/files/{entity}/{project}/{run}/{name}`, each segment URL-encoded. */
export function filePath(entity: string, project: string, run: string, name: string): string {
  const segments = [entity, project, run, ...name.split('/')];
  return `/files/${segments.map(encodeURIComponent).join('/')}`;
}

function fileUrl(ctx: Context, source: FileSource): string {
  const project = projectOf(ctx, source.run.project_id);
  return ctx.baseUrl + filePath(project.entity_name, project.name, source.run.name, source.file.name);
}

/** Resolvers of `File`. */
export const fileResolvers: TypeResolvers<FileSource> = {
  id: (s) => typedId('File', s.file.id),
  name: (s) => s.file.name,
  displayName: (s) => s.file.name,
  url: (s, _args, ctx) => fileUrl(ctx, s),
  directUrl: (s, _args, ctx) => fileUrl(ctx, s),
  sizeBytes: (s) => s.file.size_bytes,
  mimetype: (s) => s.file.mimetype,
  updatedAt: (s) => s.file.updated_at,
  md5: (s) => s.file.md5,
  digest: (s) => s.file.md5,
  storagePath: (s, _args, ctx) => {
    const project = projectOf(ctx, s.run.project_id);
    return `${project.entity_name}/${project.name}/${s.run.name}/${s.file.name}`;
  },
};
