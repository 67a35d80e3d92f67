/**
 * History exports: a run's history written to Parquet files the way W&B exports it, served
 * behind signed URLs through `Run.parquetHistory`.
 *
 * @packageDocumentation
 */
export {
  exportHistory,
  exportFiles,
  exportMark,
  deleteHistoryExports,
  type HistoryExportRow,
} from './export-history';
export type { HistoryExportOptions, HistoryExportSummary } from './export-options';
export { HISTORY_EXPORT_VARIANTS, variedHistoryRows } from './export-variants';
