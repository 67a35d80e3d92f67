import type { Run } from '@wbapi/node';
import { createApi, write, type CliIo, type GlobalFlags } from '../context';
import { csvRecord, unionKeys } from '../format/csv';
import { flatten } from '../format/flatten';
import { toJson } from '../format/json';
import { toJsonl } from '../format/jsonl';
import { toTable } from '../format/table';

/** Flags of `wbapi runs`. */
export interface RunsFlags {
  filter?: Record<string, unknown>;
  order?: string;
  format: 'table' | 'json' | 'jsonl' | 'csv';
}

function summaryOf(run: Run): Record<string, unknown> {
  return {
    id: run.id,
    name: run.name,
    state: run.state,
    createdAt: run.createdAt,
    tags: run.tags,
    group: run.group,
    jobType: run.jobType,
    config: run.config,
    summary: run.summary,
  };
}

/** Flattens config and summary at every level into `config.<k>.<k2>` and `summary.<k>` columns. */
function flatRow(run: Run): Record<string, unknown> {
  const row: Record<string, unknown> = {
    id: run.id,
    name: run.name,
    state: run.state,
    createdAt: run.createdAt,
  };
  row['tags'] = run.tags.join(' ');
  flatten(run.config, 'config.', row);
  flatten(run.summary, 'summary.', row);
  return row;
}

/** `wbapi runs <entity/project>`: the runs of a project as a table, JSON, JSON Lines or CSV. */
export async function runsCommand(
  path: string,
  flags: RunsFlags,
  globals: GlobalFlags,
  io: CliIo,
): Promise<void> {
  const api = createApi(globals, io);
  const runs = api.runs(path, {
    ...(flags.filter ? { filters: flags.filter } : {}),
    ...(flags.order ? { order: flags.order } : {}),
    ...(io.signal ? { signal: io.signal } : {}),
  });
  if (flags.format === 'jsonl') {
    for await (const page of runs.pages()) await write(io.stdout, toJsonl(page.map(summaryOf)));
    return;
  }
  const all: Run[] = [];
  for await (const run of runs) all.push(run);
  if (flags.format === 'json') {
    await write(io.stdout, toJson(all.map(summaryOf)));
  } else if (flags.format === 'csv') {
    const rows = all.map(flatRow);
    const columns = unionKeys(rows);
    await write(
      io.stdout,
      csvRecord(columns) + rows.map((row) => csvRecord(columns.map((k) => row[k]))).join(''),
    );
  } else {
    await write(io.stdout, toTable(all.map(flatRow), ['id', 'name', 'state', 'createdAt', 'tags']));
  }
}
