import picomatch from 'picomatch';
import type { File } from '@wbapi/node';
import { loadRun, write, type CliIo, type GlobalFlags } from '../context';
import { formatBytes } from '../progress/progress-display';
import { toTable } from '../format/table';

/** Flags of `wbapi files`. */
export interface FilesFlags {
  download?: string;
  pattern?: string;
}

/** `wbapi files <entity/project/run>`: lists a run's files, or downloads those matching `--pattern`. */
export async function filesCommand(
  path: string,
  flags: FilesFlags,
  globals: GlobalFlags,
  io: CliIo,
): Promise<void> {
  const { run, call } = await loadRun(path, globals, io);
  const matches = flags.pattern ? picomatch(flags.pattern, { dot: true }) : () => true;
  const chosen: File[] = [];
  for await (const file of run.files(call)) if (matches(file.name)) chosen.push(file);
  if (!flags.download) {
    const rows = chosen.map((file) => ({
      name: file.name,
      size: formatBytes(file.sizeBytes),
      type: file.mimetype,
      updated: file.updatedAt,
    }));
    await write(io.stdout, toTable(rows, ['name', 'size', 'type', 'updated']));
    return;
  }
  for (const file of chosen) {
    const saved = await file.download({ root: flags.download, replace: true, ...call });
    await write(io.stdout, `${String(saved)}\n`);
  }
}
