import { readFile, rename, writeFile } from 'node:fs/promises';

/** One run recorded as complete in an export's output. */
export interface ManifestRun {
  /** Files written for the run (relative to the output folder); empty in combined mode. */
  files: string[];
  /** History rows written. */
  rows: number;
}

/** `.wbapi-export.json`: what an export wrote, so `--resume` can continue it. */
export interface Manifest {
  /** Format version of this file. */
  version: 1;
  /** The `entity/project` exported. */
  project: string;
  /** `files` (one file per run in a folder) or `combined` (one file). */
  mode: 'files' | 'combined';
  /** `jsonl`, `csv` or `parquet`. */
  format: string;
  /** Completed runs by id. */
  runs: Record<string, ManifestRun>;
  /** Combined mode: the length of the output file after the last complete run. */
  bytes: number;
  /** Combined Parquet: the staged runs' files (in the staging folder), in listing order. */
  parts?: string[];
  /** Set once every run of the listing is done. */
  complete: boolean;
}

/** A fresh manifest. */
export function newManifest(project: string, mode: Manifest['mode'], format: string): Manifest {
  return { version: 1, project, mode, format, runs: {}, bytes: 0, complete: false };
}

/** Reads a manifest, or null when there is none. Throws on one that cannot be read. */
export async function readManifest(path: string): Promise<Manifest | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const parsed = JSON.parse(text) as Manifest;
  if (parsed.version !== 1 || typeof parsed.runs !== 'object' || parsed.runs === null) {
    throw new Error(`${path} is not a wbapi export manifest`);
  }
  return parsed;
}

/** Writes `data` to `path` atomically: to a temporary file beside it, then renamed over it. */
export async function writeAtomically(path: string, data: string | Uint8Array): Promise<void> {
  const temp = `${path}.tmp-${process.pid}`;
  await writeFile(temp, data);
  await rename(temp, path);
}

/** Writes the manifest atomically, so a crash leaves the old or the new one, never half. */
export function writeManifest(path: string, manifest: Manifest): Promise<void> {
  return writeAtomically(path, `${JSON.stringify(manifest, null, 2)}\n`);
}
