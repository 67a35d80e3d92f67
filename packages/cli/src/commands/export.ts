import { AdaptiveConcurrency, exportRuns, type ExportProgress } from '@wbapi/node';
import { createApi, write, type CliIo, type GlobalFlags } from '../context';
import { checkOutTarget, ExportOutput, isCombinedTarget, type ExportFormat } from '../export/output';
import { OutputError } from '../export/output-error';
import { createProgressDisplay, formatBytes } from '../progress/progress-display';

/** Flags of `wbapi export`. */
export interface ExportFlags {
  out: string;
  filter?: Record<string, unknown>;
  order?: string;
  keys?: string[];
  full?: boolean;
  samples?: number;
  format?: ExportFormat;
  /** One file for every run; `--out` must then end in the format's extension. */
  combined?: boolean;
  concurrency: number;
  resume?: boolean;
}

/** The format: the flag, else the combined file's extension, else JSON Lines. */
function chooseFormat(flags: ExportFlags): ExportFormat {
  if (flags.format) return flags.format;
  const extension = /\.(csv|parquet)$/i.exec(flags.out)?.[1]?.toLowerCase();
  return extension === 'csv' || extension === 'parquet' ? extension : 'jsonl';
}

/**
 * `wbapi export <entity/project> --out DIR|FILE`: every matching run's config, summary and
 * history, a few runs at once, with progress on stderr; `--resume` continues an interrupted export.
 */
export async function exportCommand(
  path: string,
  flags: ExportFlags,
  globals: GlobalFlags,
  io: CliIo,
): Promise<void> {
  const format = chooseFormat(flags);
  const combined = (flags.combined ?? false) || isCombinedTarget(flags.out);
  if (combined && !flags.out.toLowerCase().endsWith(`.${format}`)) {
    throw new OutputError(`--out ${flags.out} does not end in .${format}`);
  }
  if (combined && format === 'csv' && !flags.keys) {
    throw new OutputError(
      'a combined CSV needs --keys (its columns must be known before the first run); use --out DIR for one CSV per run with every key',
    );
  }
  await checkOutTarget(flags.out);
  const limiter = new AdaptiveConcurrency({ max: flags.concurrency });
  const api = createApi(globals, io, { hooks: limiter.hooks });
  const runs = api.runs(path, {
    ...(flags.filter ? { filters: flags.filter } : {}),
    ...(flags.order ? { order: flags.order } : {}),
    ...(io.signal ? { signal: io.signal } : {}),
  });
  // The first page now: a path, filter or order the server refuses fails before anything is
  // written or shown (exportRuns reuses this page's count).
  await runs.length();
  // `path` may lack the entity: the manifest records the listing as asked.
  const output = await ExportOutput.open({
    out: flags.out,
    format,
    project: path,
    resume: flags.resume ?? false,
    ...(flags.keys ? { columns: ['_step', ...flags.keys.filter((key) => key !== '_step')] } : {}),
  });
  const display = createProgressDisplay({ stream: io.stderr });
  let latest: ExportProgress | null = null;
  let exportedShown = 0;
  try {
    for await (const run of exportRuns(runs, {
      ...(flags.keys ? { keys: flags.keys } : {}),
      full: flags.full ?? false,
      ...(flags.samples ? { samples: flags.samples } : {}),
      concurrency: limiter,
      skip: (candidate) => output.has(candidate.id),
      onProgress: (progress) => {
        // A run read is shown once it is written (with its bytes); the start and skips at once.
        const shown = latest === null || progress.runsDone - progress.runsSkipped === exportedShown;
        latest = progress;
        if (shown) display.update(progress, output.bytesWritten);
      },
      ...(io.signal ? { signal: io.signal } : {}),
    })) {
      await output.write(run);
      const progress = latest as ExportProgress | null;
      if (progress) {
        exportedShown = progress.runsDone - progress.runsSkipped;
        display.update(progress, output.bytesWritten);
      }
    }
    await output.finish();
  } finally {
    display.stop();
  }
  const done = latest as ExportProgress | null;
  if (flags.keys && done && done.runsDone - done.runsSkipped > 0 && done.rows === 0) {
    await write(io.stderr, `wbapi: no history rows have all of the keys ${flags.keys.join(', ')}\n`);
  }
  const skipped = done && done.runsSkipped > 0 ? ` (${done.runsSkipped} were already done)` : '';
  await write(
    io.stderr,
    `exported ${done?.runsDone ?? 0} runs${skipped}, ${done?.rows ?? 0} rows, ${formatBytes(output.bytesWritten)} to ${flags.out}\n`,
  );
}
