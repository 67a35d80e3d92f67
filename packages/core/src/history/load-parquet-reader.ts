import { NetworkError } from '../errors/network-error';
import type { historyExportDownloads, openParquetPages } from './parquet';

/**
 * The Parquet history reader (hyparquet included), loaded when a scan first takes that path:
 * what scans and `downloadHistoryExports` call in it.
 */
export interface ParquetReader {
  /** Opens the pages of one scan iteration from the run's exports. */
  openParquetPages: typeof openParquetPages;
  /** The export files of a run, ready to download. */
  historyExportDownloads: typeof historyExportDownloads;
}

/**
 * Loads the Parquet history reader. The one `import()` of it, so that bundlers put it (and
 * hyparquet) in a lazy chunk that pages listing runs never download. A chunk that cannot be
 * fetched rejects with a NetworkError; the next call tries again.
 *
 * @throws NetworkError
 */
export async function loadParquetReader(): Promise<ParquetReader> {
  try {
    return await import('./parquet');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new NetworkError(`Could not load the Parquet history reader: ${reason}`, { cause: error });
  }
}
