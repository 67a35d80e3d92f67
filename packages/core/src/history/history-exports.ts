import { BadInputError } from '../errors/bad-input-error';
import type { RunRef } from '../paths/refs';
import type { Session } from '../session/session';

/** Options of `run.downloadHistoryExports(dir, options)`. */
export interface DownloadHistoryExportsOptions {
  /**
   * Refuse (with `IncompleteRunHistoryError`, downloading nothing) when rows are not exported yet,
   * as Python's `require_complete_history`. @defaultValue true
   */
  requireComplete?: boolean;
  /** Stops the downloads; nothing half-written is left. */
  signal?: AbortSignal;
}

/** What `run.downloadHistoryExports()` saved: Python's `DownloadHistoryResult`, without per-file errors (they throw). */
export interface HistoryExportsDownload {
  /** Absolute paths of the export files, `{entity}_{project}_{runId}_{i}.runhistory.parquet`. */
  paths: string[];
  /** True when the run has rows not exported yet (they are in no file; read them with `scanHistory`). */
  containsLiveData: boolean;
}

/**
 * Saves a run's Parquet history export files in folder `dir`, like Python's
 * `run.download_history_exports()`, through the platform (Node writes them to disk; a platform
 * without a file system refuses). Files already there from an earlier call are reused.
 *
 * @example
 * ```ts
 * const { paths, containsLiveData } = await downloadHistoryExports(session, run, 'exports');
 * ```
 * @throws BadInputError when the platform cannot save files to a folder.
 * @throws IncompleteRunHistoryError when `requireComplete` and rows are not exported yet.
 * @throws ParquetHistoryUnsupportedError when the server has no history exports.
 */
export async function downloadHistoryExports(
  session: Session,
  run: RunRef,
  dir: string,
  options: DownloadHistoryExportsOptions = {},
): Promise<HistoryExportsDownload> {
  const platform = session.platform;
  if (!platform.downloadHistoryExports) {
    throw new BadInputError(`The ${platform.name} platform cannot save history exports to a folder`);
  }
  return platform.downloadHistoryExports(session, run, dir, options);
}
