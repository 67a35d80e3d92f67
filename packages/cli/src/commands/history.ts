import type { HistoryRow } from '@wbapi/node';
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
 * collected first so that the header holds every key).
 */
export async function historyCommand(
  path: string,
  flags: HistoryFlags,
  globals: GlobalFlags,
  io: CliIo,
): Promise<void> {
  const { run, call } = await loadRun(path, globals, io);
  if (!flags.full) {
    const rows = await run.history({
      ...call,
      samples: flags.samples ?? 500,
      ...(flags.keys ? { keys: flags.keys } : {}),
      ...(flags.match ? { match: flags.match } : {}),
    });
    await write(io.stdout, flags.format === 'csv' ? toCsv(rows) : toJsonl(rows));
    return;
  }
  const scan = run.scanHistory({ ...call, ...(flags.keys ? { keys: flags.keys } : {}) });
  if (flags.format === 'jsonl') {
    for await (const page of scan.pages()) if (page.length > 0) await write(io.stdout, toJsonl(page));
    return;
  }
  if (flags.keys) {
    const columns = ['_step', ...flags.keys.filter((key) => key !== '_step')];
    await write(io.stdout, csvRecord(columns));
    for await (const page of scan.pages()) {
      await write(io.stdout, page.map((row) => csvRecord(columns.map((key) => row[key]))).join(''));
    }
    return;
  }
  const rows: HistoryRow[] = [];
  for await (const row of scan) rows.push(row);
  await write(io.stdout, toCsv(rows));
}
