/**
 * How a history export is written. The defaults follow what public code shows of W&B's exports
 * (server README, "History exports"): DOUBLE `_step`, dicts flattened to dotted column names,
 * `_type` values as struct columns, mixed-type keys as binary JSON. Every other value is a
 * variant that a client must accept too, so tests can write each of them.
 */
export interface HistoryExportOptions {
  /** Export only rows with `_step <= upToStep` (a partial export); later rows stay live. */
  upToStep?: number;
  /** Physical type of `_step`. @defaultValue 'double' */
  stepType?: 'double' | 'int64' | 'int32';
  /** Nested dicts as dotted columns (`b.c`) or as struct columns. @defaultValue 'dotted' */
  nesting?: 'dotted' | 'struct';
  /**
   * Keys whose values differ in type (or hold explicit nulls) as binary JSON text, or as a struct
   * whose fields are all named `_type_<kind>` (one non-null per row). @defaultValue 'json'
   */
  mixed?: 'json' | 'union';
  /** Rows per file; an export of more rows is split into several files. @defaultValue all in one */
  rowsPerFile?: number;
  /** Rows per row group (each with `_step` min/max statistics). @defaultValue 10000 */
  rowGroupSize?: number;
  /** Each file after the first of this export repeats the last N rows of the one before. @defaultValue 0 */
  overlapRows?: number;
  /** Also write a zero-column, zero-row file (W&B's `empty.parquet` shape). @defaultValue false */
  empty?: boolean;
  /** Order of the run's `parquetUrls`: by step, or the reverse. @defaultValue 'ascending' */
  urlOrder?: 'ascending' | 'reversed';
  /** Min/max statistics in every row group (W&B's readers rely on `_step`'s). @defaultValue true */
  statistics?: boolean;
  /** Compression of the data pages. @defaultValue 'SNAPPY' */
  codec?: 'SNAPPY' | 'UNCOMPRESSED' | 'GZIP' | 'BROTLI';
}

/** What one {@link HistoryExportOptions} export wrote. */
export interface HistoryExportSummary {
  /** Files written by this export. */
  files: number;
  /** Rows written (counting overlapping rows once per file). */
  rows: number;
  /** The run's export mark afterwards: the last exported step, or null when nothing is exported. */
  mark: number | null;
}

/** Resolved options with their defaults. */
export type ResolvedExportOptions = Required<Omit<HistoryExportOptions, 'upToStep' | 'rowsPerFile'>> & {
  upToStep: number;
  rowsPerFile: number;
};

function positiveInt(value: number | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!(Number.isInteger(value) || value === Infinity) || value < 1)
    throw new RangeError(`${name} must be a positive integer`);
  return value;
}

/** Checks the options and fills in the defaults. */
export function resolveExportOptions(options: HistoryExportOptions = {}): ResolvedExportOptions {
  const overlap = options.overlapRows ?? 0;
  if (!Number.isInteger(overlap) || overlap < 0)
    throw new RangeError('overlapRows must be a non-negative integer');
  if (options.upToStep !== undefined && !Number.isFinite(options.upToStep))
    throw new RangeError('upToStep must be a finite number');
  return {
    upToStep: options.upToStep ?? Number.MAX_SAFE_INTEGER,
    stepType: options.stepType ?? 'double',
    nesting: options.nesting ?? 'dotted',
    mixed: options.mixed ?? 'json',
    rowsPerFile: positiveInt(options.rowsPerFile, 'rowsPerFile', Infinity),
    rowGroupSize: positiveInt(options.rowGroupSize, 'rowGroupSize', 10_000),
    overlapRows: overlap,
    empty: options.empty ?? false,
    urlOrder: options.urlOrder ?? 'ascending',
    codec: options.codec ?? 'SNAPPY',
    statistics: options.statistics ?? true,
  };
}
