/**
 * The `wbapi` command line, also usable as a library (`main(argv, io)`), plus its CSV and
 * export-output helpers.
 *
 * @packageDocumentation
 */
export { main } from './main';
export { createProgram } from './program';
export type { CliIo, GlobalFlags } from './context';
export { ExitCode, exitCodeFor } from './exit-codes';
export { csvField, csvRecord, csvText, toCsv, unionKeys } from './format/csv';
export { toJsonl } from './format/jsonl';
export {
  ExportOutput,
  MANIFEST_NAME,
  RUN_METADATA_KEY,
  isCombinedTarget,
  type ExportFormat,
  type OutputOptions,
} from './export/output';
export { OutputError } from './export/output-error';
export { RUNS_METADATA_KEY } from './export/combined-parquet';
export {
  COLUMNS_METADATA_KEY,
  RUN_ID_COLUMN,
  writeParquetExport,
  type ParquetExportOptions,
  type ParquetRunRows,
} from './export/parquet-file';
export type { ParquetColumn, ParquetValueKind } from './export/parquet-columns';
export type { Manifest, ManifestRun } from './export/manifest';
