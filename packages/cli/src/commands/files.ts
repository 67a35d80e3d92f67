import picomatch from 'picomatch';
import { FileExistsError, type File } from '@wbapi/node';
import { loadRun, write, type CliIo, type GlobalFlags } from '../context';
import { OutputError } from '../export/output-error';
import { csvRecord } from '../format/csv';
import { toJsonl } from '../format/jsonl';
import { toTable } from '../format/table';
import { formatBytes } from '../progress/progress-display';

/** Output formats of `wbapi files`. */
export type FilesFormat = 'table' | 'json' | 'jsonl' | 'csv';

/** Flags of `wbapi files`. */
export interface FilesFlags {
  download?: string;
  replace?: boolean;
  pattern?: string;
  format: FilesFormat;
}

/** The fields of a file record, in column order (`path` follows after a download). */
const COLUMNS = ['name', 'size', 'type', 'updated', 'md5'];

/** What is printed per file: its listing, plus where it was saved with `--download`. */
function recordOf(file: File, saved: string | undefined): Record<string, unknown> {
  return {
    name: file.name,
    size: file.sizeBytes,
    type: file.mimetype,
    updated: file.updatedAt,
    md5: file.md5,
    ...(saved === undefined ? {} : { path: saved }),
  };
}

/** The records in `format`; a table shows sizes as `2.1 kB`, and only the paths after a download. */
function render(records: Record<string, unknown>[], format: FilesFormat, downloaded: boolean): string {
  if (format === 'jsonl') return toJsonl(records);
  if (format === 'json') return `${JSON.stringify(records, null, 2)}\n`;
  const columns = downloaded ? [...COLUMNS, 'path'] : COLUMNS;
  if (format === 'csv')
    return csvRecord(columns) + records.map((r) => csvRecord(columns.map((k) => r[k]))).join('');
  if (downloaded) return records.map((record) => `${String(record['path'])}\n`).join('');
  const rows = records.map((record) => ({ ...record, size: formatBytes(record['size'] as number) }));
  return toTable(rows, ['name', 'size', 'type', 'updated']);
}

/**
 * `wbapi files <entity/project/run>`: lists a run's files, or downloads those matching the
 * `--pattern` glob. A file that exists locally is not overwritten without `--replace`
 * (FileExistsError, exit code 2), as in the library.
 */
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
  if (chosen.length === 0 && flags.pattern) {
    await write(io.stderr, `wbapi: no file of ${path} matches ${flags.pattern}\n`);
  }
  if (!flags.download) {
    await write(
      io.stdout,
      render(
        chosen.map((file) => recordOf(file, undefined)),
        flags.format,
        false,
      ),
    );
    return;
  }
  const records: Record<string, unknown>[] = [];
  for (const file of chosen) {
    const saved = await file
      .download({ root: flags.download, replace: flags.replace ?? false, ...call })
      .catch((error: unknown) => {
        if (!(error instanceof FileExistsError)) throw error;
        throw new OutputError(`${error.path} already exists: pass --replace to overwrite it`);
      });
    const record = recordOf(file, String(saved));
    records.push(record);
    // Paths are printed as each file lands; the other formats are printed whole at the end.
    if (flags.format === 'table') await write(io.stdout, render([record], 'table', true));
  }
  if (flags.format !== 'table') await write(io.stdout, render(records, flags.format, true));
}
