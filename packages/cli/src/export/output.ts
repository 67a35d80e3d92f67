import { mkdir, open, readdir, rm, stat, truncate } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { stringifyWandbJson, type ExportedRun } from '@wbapi/node';
import { csvRecord, toCsv, unionKeys } from '../format/csv';
import { toJsonl } from '../format/jsonl';
import { CombinedParquet, LEFTOVER } from './combined-parquet';
import { newManifest, readManifest, writeAtomically, writeManifest, type Manifest } from './manifest';
import { OutputError } from './output-error';
import { writeParquetExport } from './parquet-file';
import { fileStem, runRecord } from './run-record';

/** The manifest's name inside an output folder. */
export const MANIFEST_NAME = '.wbapi-export.json';

/** Output formats of `wbapi export`. */
export type ExportFormat = 'jsonl' | 'csv' | 'parquet';

/** Key-value metadata key of a per-run Parquet file: the run's record (`.run.json`'s content). */
export const RUN_METADATA_KEY = 'wbapi.run';

/** Where and how an export writes. */
export interface OutputOptions {
  /** A folder (one file per run) or a file ending in `.jsonl`/`.csv`/`.parquet` (one combined file). */
  out: string;
  /** `jsonl`, `csv` or `parquet`. */
  format: ExportFormat;
  /** `entity/project`, recorded in the manifest. */
  project: string;
  /** Continue an earlier export in `out` instead of refusing to touch it. */
  resume: boolean;
  /** Columns of a combined CSV after `run_id` (its `--keys`). */
  columns?: string[];
}

/**
 * Refuses an `--out` that looks like a file name but is not a combined target (`out.json`,
 * `out.parquet`): it would otherwise become a folder of that name. A folder that exists, or a
 * name ending in `/`, is always a folder.
 *
 * @throws OutputError saying which names are files and which are folders.
 */
export async function checkOutTarget(out: string): Promise<void> {
  if (isCombinedTarget(out) || /[/\\]$/.test(out)) return;
  const extension = /\.([a-z][a-z0-9]{0,9})$/i.exec(basename(out))?.[1];
  if (!extension) return;
  const isFolder = await stat(out).then(
    (found) => found.isDirectory(),
    () => false,
  );
  if (isFolder) return;
  throw new OutputError(
    `--out ${out}: .${extension} is not an export format. Give a .jsonl, .csv or .parquet file for one combined file, or a folder for one file per run (a name without an extension, or ending in /)`,
  );
}

/** True when `out` names a combined file rather than a folder. */
export function isCombinedTarget(out: string): boolean {
  return /\.(jsonl|csv|parquet)$/i.test(out);
}

/**
 * Writes exported runs and keeps the manifest, so that an interrupted export can resume.
 *
 * Folder mode: `<id>.run.json` (identity, config, summary) and `<id>.jsonl`, `<id>.csv` or
 * `<id>.parquet` (history) per run, each written to a temporary name and renamed when complete;
 * then the run is added to `.wbapi-export.json`. Combined mode: each run's lines are appended in
 * one write once the run is complete and the manifest records the file length, so a torn tail is
 * cut off on resume; a combined Parquet file is staged run by run and written at the end
 * ({@link CombinedParquet}).
 */
export class ExportOutput {
  /** Bytes written by this process. */
  bytesWritten = 0;
  private readonly combinedParquet: CombinedParquet | null;

  private constructor(
    private readonly options: OutputOptions,
    private readonly manifestPath: string,
    readonly manifest: Manifest,
  ) {
    const parquet = manifest.mode === 'combined' && options.format === 'parquet';
    this.combinedParquet = parquet ? new CombinedParquet(options.out) : null;
  }

  /** Prepares `out` (creating folders, checking or cutting back an earlier export). */
  static async open(options: OutputOptions): Promise<ExportOutput> {
    const combined = isCombinedTarget(options.out);
    const mode = combined ? 'combined' : 'files';
    const folder = combined ? dirname(options.out) : options.out;
    await mkdir(folder, { recursive: true });
    const manifestPath = combined
      ? join(folder, `.${basename(options.out)}${MANIFEST_NAME}`)
      : join(folder, MANIFEST_NAME);
    const found = await readManifest(manifestPath);
    if (found && !options.resume) {
      throw new OutputError(
        `${options.out} already holds an export: pass --resume to continue it, or choose another --out`,
      );
    }
    if (
      found &&
      (found.mode !== mode || found.format !== options.format || found.project !== options.project)
    ) {
      throw new OutputError(
        `${options.out} holds a ${found.format} export of ${found.project} (${found.mode}); it cannot be resumed as ${options.format} of ${options.project}`,
      );
    }
    const manifest = found ?? newManifest(options.project, mode, options.format);
    const output = new ExportOutput(options, manifestPath, manifest);
    if (output.combinedParquet) await output.combinedParquet.prepare(manifest);
    else if (combined) await ExportOutput.prepareCombined(options.out, manifest);
    else if (found) await removeLeftovers(folder);
    if (!found) await writeManifest(manifestPath, manifest);
    return output;
  }

  /** Cuts a combined file back to the length of its complete runs (or creates it empty). */
  private static async prepareCombined(file: string, manifest: Manifest): Promise<void> {
    const size = await stat(file).then(
      (s) => s.size,
      () => null,
    );
    if (size === null) {
      if (manifest.bytes > 0) throw new OutputError(`${file} is missing: its manifest lists complete runs`);
      const handle = await open(file, 'w');
      await handle.close();
      return;
    }
    if (size < manifest.bytes)
      throw new OutputError(`${file} is shorter than its manifest says: it was changed`);
    if (size > manifest.bytes) await truncate(file, manifest.bytes);
  }

  /** Whether a run is already complete in the output. */
  has(id: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.manifest.runs, id);
  }

  /** Writes one complete run, then records it in the manifest. */
  async write(run: ExportedRun): Promise<void> {
    if (this.combinedParquet) {
      this.bytesWritten += await this.combinedParquet.stage(run, this.manifest);
      this.manifest.runs[run.id] = { files: [], rows: run.history.length };
    } else if (this.manifest.mode === 'combined') await this.appendCombined(run);
    else await this.writeFiles(run);
    await writeManifest(this.manifestPath, this.manifest);
  }

  /** Writes a combined Parquet file from its staged runs; marks the export complete in the manifest. */
  async finish(): Promise<void> {
    if (this.combinedParquet) this.bytesWritten = await this.combinedParquet.build(this.manifest);
    this.manifest.complete = true;
    await writeManifest(this.manifestPath, this.manifest);
  }

  private async writeFiles(run: ExportedRun): Promise<void> {
    const stem = fileStem(run.id);
    const historyName = `${stem}.${this.options.format}`;
    const record = `${stringifyWandbJson(runRecord(run))}\n`;
    this.bytesWritten += await this.writeHistory(join(this.options.out, historyName), run, record);
    await writeAtomically(join(this.options.out, `${stem}.run.json`), record);
    this.bytesWritten += Buffer.byteLength(record);
    this.manifest.runs[run.id] = { files: [`${stem}.run.json`, historyName], rows: run.history.length };
  }

  /** Writes a run's history file (atomically); returns its size. */
  private async writeHistory(path: string, run: ExportedRun, record: string): Promise<number> {
    if (this.options.format === 'parquet') {
      return writeParquetExport(path, () => [{ id: run.id, rows: run.history }], {
        runIdColumn: false,
        metadata: () => ({ [RUN_METADATA_KEY]: record.trimEnd() }),
      });
    }
    const history = this.options.format === 'csv' ? toCsv(run.history) : toJsonl(run.history);
    await writeAtomically(path, history);
    return Buffer.byteLength(history);
  }

  private async appendCombined(run: ExportedRun): Promise<void> {
    const text =
      this.options.format === 'csv'
        ? this.csvLines(run)
        : toJsonl([{ ...runRecord(run), history: run.history }]);
    const bytes = Buffer.from(text);
    const handle = await open(this.options.out, 'r+');
    try {
      // Written at the recorded length, not appended: whatever a crash left after it is overwritten.
      await handle.write(bytes, 0, bytes.length, this.manifest.bytes);
      await handle.truncate(this.manifest.bytes + bytes.length);
      await handle.sync();
    } finally {
      await handle.close();
    }
    this.manifest.bytes += bytes.length;
    this.bytesWritten += bytes.length;
    this.manifest.runs[run.id] = { files: [], rows: run.history.length };
  }

  private csvLines(run: ExportedRun): string {
    const columns = this.options.columns ?? unionKeys(run.history);
    let text = this.manifest.bytes === 0 ? csvRecord(['run_id', ...columns]) : '';
    for (const row of run.history) text += csvRecord([run.id, ...columns.map((key) => row[key])]);
    return text;
  }
}

/** Deletes temporary files an earlier, killed export left behind (`<name>.tmp-<pid>`). */
async function removeLeftovers(folder: string): Promise<void> {
  for (const name of await readdir(folder)) {
    if (LEFTOVER.test(name)) await rm(join(folder, name), { force: true });
  }
}
