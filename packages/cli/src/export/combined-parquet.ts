import { readFileSync } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parseWandbJson, stringifyWandbJson, type ExportedRun } from '@wbapi/node';
import { toJsonl } from '../format/jsonl';
import { writeAtomically, type Manifest } from './manifest';
import { OutputError } from './output-error';
import { writeParquetExport, type ParquetRunRows } from './parquet-file';
import { fileStem, runRecord } from './run-record';

/** Key-value metadata key of a combined Parquet file: every run's record, in file order. */
export const RUNS_METADATA_KEY = 'wbapi.runs';

/** A temporary file left by a killed process: `<name>.tmp-<pid>`. */
export const LEFTOVER = /\.tmp-\d+$/;

/**
 * A combined Parquet export (`--out FILE.parquet`). A Parquet file cannot be appended to (its
 * footer comes last), so each complete run is staged as JSON Lines (its record, then its rows) in
 * `.FILE.parquet.wbapi-parts/` and listed in the manifest's `parts`; when every run is done, the
 * file is written from the parts in listing order (to a temporary name, then renamed) and the
 * parts are deleted. An interrupted export keeps its parts, so `--resume` continues from them.
 */
export class CombinedParquet {
  /** The staging folder. */
  readonly parts: string;

  constructor(private readonly out: string) {
    this.parts = join(dirname(out), `.${basename(out)}.wbapi-parts`);
  }

  /** Makes the staging folder; deletes temporary files a killed export left behind. */
  async prepare(manifest: Manifest): Promise<void> {
    if (!manifest.complete) await mkdir(this.parts, { recursive: true });
    const mine = `${basename(this.out)}.tmp-`;
    for (const name of await readdir(dirname(this.out))) {
      if (name.startsWith(mine) && LEFTOVER.test(name))
        await rm(join(dirname(this.out), name), { force: true });
    }
    const staged = await readdir(this.parts).catch(() => []);
    for (const name of staged) if (LEFTOVER.test(name)) await rm(join(this.parts, name), { force: true });
  }

  /**
   * Stages one complete run and lists it in `manifest.parts`; returns the bytes staged.
   *
   * @throws OutputError when the file is already written (a finished export takes no new runs).
   */
  async stage(run: ExportedRun, manifest: Manifest): Promise<number> {
    if (manifest.complete) {
      throw new OutputError(
        `${this.out} is a finished Parquet file and cannot take run ${run.id}: export to another --out`,
      );
    }
    const name = `${fileStem(run.id)}.jsonl`;
    const text = toJsonl([runRecord(run), ...run.history]);
    await writeAtomically(join(this.parts, name), text);
    manifest.parts = [...(manifest.parts ?? []), name];
    return Buffer.byteLength(text);
  }

  /**
   * Writes the combined file from the staged runs, then deletes them. Does nothing for an export
   * already finished. Returns the file's size in bytes (0 when nothing was written).
   */
  async build(manifest: Manifest): Promise<number> {
    if (manifest.complete) return 0;
    const names = manifest.parts ?? [];
    const records: unknown[] = [];
    let pass = 0;
    const size = await writeParquetExport(
      this.out,
      // The first pass (choosing the columns) also collects the run records for the metadata.
      () => this.readParts(names, pass++ === 0 ? records : null),
      { runIdColumn: true, metadata: () => ({ [RUNS_METADATA_KEY]: stringifyWandbJson(records) }) },
    );
    await rm(this.parts, { recursive: true, force: true });
    return size;
  }

  /** The staged runs, one at a time; each record is pushed to `records` when given. */
  private *readParts(names: readonly string[], records: unknown[] | null): Iterable<ParquetRunRows> {
    for (const name of names) {
      const lines = readFileSync(join(this.parts, name), 'utf8').split('\n');
      const record = parseWandbJson(lines[0] ?? '') as { id: string };
      records?.push(record);
      const rows = lines.slice(1, -1).map((line) => parseWandbJson(line) as Record<string, unknown>);
      yield { id: record.id, rows };
    }
  }
}
