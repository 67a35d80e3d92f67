import { NotFoundError } from '../errors';
import type { RequestOptions } from '../api/context';
import type { Platform } from '../platform';
import type { Run } from '../runs/run';
import type { File } from './file';
import { Files } from './files';

/** `run.file(name)`: the first file with exactly that name, else NotFoundError. */
export async function runFile<P extends Platform>(
  run: Run<P>,
  name: string,
  options: RequestOptions,
): Promise<File<P>> {
  const [file] = await new Files(run, { ...options, names: [name], perPage: 1 }).toArray({ limit: 1 });
  if (!file)
    throw new NotFoundError(`Could not find file ${name} in run ${run.entity}/${run.project}/${run.id}`);
  return file;
}
