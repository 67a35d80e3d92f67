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
  OutputError,
  isCombinedTarget,
  type ExportFormat,
  type OutputOptions,
} from './export/output';
export type { Manifest, ManifestRun } from './export/manifest';
