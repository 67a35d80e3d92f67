import { redactUrl } from '../../errors/http-error';
import type { RunRef } from '../../paths/refs';
import type { RequestOptions, Session } from '../../session/session';
import { ExportUrlError } from './export-url-error';
import type { ExportFetchStats } from './fetch-stats';
import { fetchParquetHistory } from './parquet-history-query';
import { RangeFile, type ExportRetryOptions } from './range-file';
import { exportGetter, supportMemoOf } from './run-sources';
import type { GetBytes } from '../../transport/get-bytes';

/** One export file to download. */
export interface ExportDownload {
  /** `{entity}_{project}_{runId}_{i}.runhistory.parquet` (Python's names; `i` in URL path order). */
  name: string;
  /** The object's URL without its signature: the same file across `parquetHistory` calls. */
  key: string;
  /** Opens the file (its size from `HEAD`); an expired URL is asked for again once. */
  open(): Promise<ExportDownloadFile>;
}

/** An opened export file. */
export interface ExportDownloadFile {
  /** Size in bytes. */
  byteLength: number;
  /** Bytes `[start, end)`, checked (status, `Content-Range`, length; an error page is an error); an expired URL is asked for again once. */
  read(start: number, end: number): Promise<ArrayBuffer>;
}

/** What {@link historyExportDownloads} found. */
export interface ExportDownloads {
  /** The export files, in URL path order. */
  files: ExportDownload[];
  /** Rows not exported yet (`liveData`). */
  liveRows: number;
}

/**
 * The export files of a run, ready to download (one `RunParquetHistory` call, `liveKeys
 * ["_step"]`, as Python's `download_history_exports`). Export URLs get no credentials.
 *
 * @throws ParquetHistoryUnsupportedError when the server has no history exports.
 * @throws NotFoundError when the run does not exist.
 */
export async function historyExportDownloads(
  session: Session,
  run: RunRef,
  call: RequestOptions = {},
  extra: { retry?: ExportRetryOptions; stats?: ExportFetchStats; get?: GetBytes } = {},
): Promise<ExportDownloads> {
  const ref = { entity: run.entity, project: run.project, id: run.id };
  const memo = supportMemoOf(session);
  const answer = await fetchParquetHistory(session.client, ref, ['_step'], memo, call);
  const fileOptions = {
    get: exportGetter(session, extra.get),
    ...(extra.retry ? { retry: extra.retry } : {}),
    ...(extra.stats ? { stats: extra.stats } : {}),
    ...(call.signal ? { signal: call.signal } : {}),
  };
  // Signed URLs differ in their query only; their order may change between calls.
  const urls = new Map<string, string>();
  for (const url of answer.parquetUrls) urls.set(redactUrl(url), url);
  const keys = [...urls.keys()].sort();
  /** The URL of `key` now, asked for again when `stale` is the one that expired. */
  const fresh = async (key: string, cause: ExportUrlError): Promise<string> => {
    const again = await fetchParquetHistory(session.client, ref, ['_step'], memo, call);
    for (const url of again.parquetUrls) urls.set(redactUrl(url), url);
    const url = again.parquetUrls.find((u) => redactUrl(u) === key);
    if (!url) throw cause;
    return url;
  };
  const once = async <T>(key: string, op: () => Promise<T>, renew: (url: string) => void): Promise<T> => {
    try {
      return await op();
    } catch (error) {
      if (!(error instanceof ExportUrlError && error.expired)) throw error;
      renew(await fresh(key, error));
      return op();
    }
  };
  const files = keys.map((key, i): ExportDownload => {
    let url = urls.get(key) as string;
    return {
      name: `${run.entity}_${run.project}_${run.id}_${i}.runhistory.parquet`,
      key,
      async open() {
        const file = await once(
          key,
          () => RangeFile.open(url, fileOptions),
          (u) => (url = u),
        );
        return {
          byteLength: file.byteLength,
          read: (start, end) =>
            once(
              key,
              () => file.slice(start, end),
              (u) => file.replaceUrl(u),
            ),
        };
      },
    };
  });
  return { files, liveRows: answer.liveData.length };
}
