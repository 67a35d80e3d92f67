/**
 * History from W&B's Parquet exports: `RunParquetHistory`, export files read over HTTP Range,
 * and the exact merge with the rows not exported yet. Plain functions, wired into
 * `run.scanHistory()` by the history module.
 *
 * @packageDocumentation
 */
export { ExportUrlError } from './export-url-error';
export { ParquetHistoryFormatError } from './parquet-history-format-error';
export { ParquetHistoryUnsupportedError } from './parquet-history-unsupported-error';
export { IncompleteRunHistoryError } from './incomplete-run-history-error';
export {
  historyExportDownloads,
  type ExportDownload,
  type ExportDownloadFile,
  type ExportDownloads,
} from './export-downloads';
export { ExportFile, type ExportRowGroup } from './export-file';
export { newFetchStats, type ExportFetchStats } from './fetch-stats';
export { keepKeys, mergeByStep } from './merge-rows';
export {
  fetchParquetHistory,
  type ParquetHistoryAnswer,
  type ParquetSupportMemo,
} from './parquet-history-query';
export {
  LIVE_WINDOW,
  liveFrom,
  parquetHistoryPages,
  type ParquetScanOptions,
  type ParquetScanPage,
  type ParquetScanSources,
} from './parquet-scan';
export { RangeFile, type ExportRetryOptions, type RangeFileOptions } from './range-file';
export { parquetSourcesFor, supportMemoOf } from './run-sources';
export { openParquetPages, type ParquetPages, type ParquetPagesRequest } from './scan-pages';
