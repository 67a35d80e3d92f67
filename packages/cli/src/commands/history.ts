import type { HistoryRow, RequestOptions, Run } from '@wbapi/node';
import { loadRun, write, type CliIo, type GlobalFlags } from '../context';
import { csvRecord, toCsv } from '../format/csv';
import { toJsonl } from '../format/jsonl';

/** Flags of `wbapi history`. */
export interface HistoryFlags {
  keys?: string[];
  samples?: number;
  full?: boolean;
  match?: 'all' | 'any';
  format: 'jsonl' | 'csv';
}

/**
 * `wbapi history <entity/project/run>`: sampled rows, or every row with `--full` (streamed as
 * JSON Lines; a full CSV needs `--keys` to know its columns before the first row, else it is
 * collected first so that the header holds every key). When no row has every one of `--keys`,
 * stderr says so (and which keys the run has): the output would otherwise be empty without a word.
 */
export async function historyCommand(
  path: string,
  flags: HistoryFlags,
  globals: GlobalFlags,
  io: CliIo,
): Promise<void> {
  const { run, call } = await loadRun(path, globals, io);
  const rows = await printHistory(run, flags, call, io);
  if (rows === 0 && flags.keys) {
    await write(
      io.stderr,
      `wbapi: no rows of ${path} have all of the keys ${flags.keys.join(', ')}${knownKeys(run)}\n`,
    );
  }
}

/** `; its history keys are a, b, ...` from the run's `historyKeys`, when the server sent them. */
function knownKeys(run: Run): string {
  const keys = (run.historyKeys as { keys?: Record<string, unknown> } | null)?.keys;
  if (!keys || typeof keys !== 'object') return '';
  const names = Object.keys(keys).filter((key) => !key.startsWith('_'));
  return names.length > 0 ? `; its history keys are ${names.join(', ')}` : '';
}

/** Writes the rows as asked and returns how many there were. */
async function printHistory(run: Run, flags: HistoryFlags, call: RequestOptions, io: CliIo): Promise<number> {
  if (!flags.full) {
    const rows = await run.history({
      ...call,
      samples: flags.samples ?? 500,
      ...(flags.keys ? { keys: flags.keys } : {}),
      ...(flags.match ? { match: flags.match } : {}),
    });
    if (rows.length > 0) await write(io.stdout, flags.format === 'csv' ? toCsv(rows) : toJsonl(rows));
    return rows.length;
  }
  const scan = run.scanHistory({ ...call, ...(flags.keys ? { keys: flags.keys } : {}) });
  let count = 0;
  if (flags.format === 'jsonl') {
    for await (const page of scan.pages()) {
      count += page.length;
      if (page.length > 0) await write(io.stdout, toJsonl(page));
    }
    return count;
  }
  if (flags.keys) {
    const columns = ['_step', ...flags.keys.filter((key) => key !== '_step')];
    await write(io.stdout, csvRecord(columns));
    for await (const page of scan.pages()) {
      count += page.length;
      await write(io.stdout, page.map((row) => csvRecord(columns.map((key) => row[key]))).join(''));
    }
    return count;
  }
  const rows: HistoryRow[] = [];
  for await (const row of scan) rows.push(row);
  if (rows.length > 0) await write(io.stdout, toCsv(rows));
  return rows.length;
}
