import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  IncompleteRunHistoryError,
  UnsafePathError,
  type DownloadHistoryExportsOptions,
  type HistoryExportsDownload,
  type RunRef,
  type Session,
} from '@wbapi/core';
import { loadParquetReader } from '@wbapi/core/internal';
import { checkFileName } from '../download/safe-path';
import { diskError } from '../download/disk-error';

/** Bytes per ranged read while saving an export file (memory stays at about this much per file). */
const CHUNK = 8 * 1024 * 1024;

/** Which object each saved file holds, so that a later call can reuse it. */
interface Manifest {
  files: Record<string, { key: string; bytes: number }>;
}

async function sizeOf(path: string): Promise<number | null> {
  try {
    return (await stat(path)).size;
  } catch {
    return null;
  }
}

async function readManifest(path: string): Promise<Manifest> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as Manifest;
    return parsed && typeof parsed.files === 'object' && parsed.files !== null ? parsed : { files: {} };
  } catch {
    return { files: {} };
  }
}

/** Writes `path` through a temporary file and a rename: readers see the old file or the new one. */
async function writeAtomically(
  path: string,
  fill: (write: (bytes: Uint8Array) => Promise<void>) => Promise<void>,
): Promise<void> {
  const temp = `${path}.${randomBytes(6).toString('hex')}.part`;
  const handle = await open(temp, 'wx');
  try {
    await fill(async (bytes) => {
      await handle.write(bytes);
    });
    await handle.sync();
    await handle.close();
    await rename(temp, path);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw error;
  }
}

/** A file name the server's answer made: one plain name, checked so that it stays inside `dir`. */
function safeName(name: string): string {
  checkFileName(name);
  if (name.includes('/') || name.startsWith('.')) {
    throw new UnsafePathError(`Unsafe file name ${JSON.stringify(name)}: not a plain file name`, {
      path: name,
    });
  }
  return name;
}

/**
 * Saves a run's history export files in `dir` (created when missing), like Python's
 * `download_history_exports`: `{entity}_{project}_{runId}_{i}.runhistory.parquet`. Each file is
 * written to a temporary file and renamed into place, so a failure leaves nothing half-written;
 * a file saved by an earlier call for the same object and size is reused (a manifest,
 * `.{entity}_{project}_{runId}.runhistory.json`, says which object each file holds).
 *
 * @throws IncompleteRunHistoryError when `requireComplete` (default) and rows are not exported yet; nothing is written.
 * @throws ParquetHistoryUnsupportedError when the server has no history exports.
 * @throws ExportUrlError when a file cannot be read (an error page, a refused URL after one refresh, retries used up).
 * @throws UnsafePathError when a file name would leave `dir`.
 */
export async function saveHistoryExports(
  session: Session,
  run: RunRef,
  dir: string,
  options: DownloadHistoryExportsOptions = {},
): Promise<HistoryExportsDownload> {
  const reader = await loadParquetReader();
  const call = options.signal ? { signal: options.signal } : {};
  const found = await reader.historyExportDownloads(session, run, call);
  if ((options.requireComplete ?? true) && found.liveRows > 0) {
    throw new IncompleteRunHistoryError(
      `Run ${run.entity}/${run.project}/${run.id} has ${found.liveRows} history rows that are not exported to Parquet files yet (pass requireComplete: false to download the exported ones)`,
      { liveRows: found.liveRows },
    );
  }
  const root = resolve(dir);
  const names = found.files.map((file) => safeName(file.name));
  const manifestPath = join(root, `.${safeName(`${run.entity}_${run.project}_${run.id}.runhistory.json`)}`);
  await mkdir(root, { recursive: true }).catch((error: unknown) => {
    throw diskError(error, 'create the folder', root);
  });
  const manifest = await readManifest(manifestPath);
  const paths: string[] = [];
  for (const [i, file] of found.files.entries()) {
    options.signal?.throwIfAborted();
    const name = names[i] as string;
    const target = join(root, name);
    const known = manifest.files[name];
    const opened = await file.open();
    if (
      known &&
      known.key === file.key &&
      known.bytes === opened.byteLength &&
      (await sizeOf(target)) === opened.byteLength
    ) {
      paths.push(target);
      continue;
    }
    await writeAtomically(target, async (write) => {
      for (let at = 0; at < opened.byteLength; at += CHUNK) {
        const end = Math.min(at + CHUNK, opened.byteLength);
        await write(new Uint8Array(await opened.read(at, end)));
      }
    });
    manifest.files[name] = { key: file.key, bytes: opened.byteLength };
    paths.push(target);
  }
  await writeAtomically(manifestPath, (write) =>
    write(new TextEncoder().encode(JSON.stringify(manifest, null, 2))),
  );
  return { paths, containsLiveData: found.liveRows > 0 };
}
