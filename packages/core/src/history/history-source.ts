/**
 * Where a history scan reads from: `'parquet'` the run's Parquet exports plus the rows not
 * exported yet, `'pages'` the legacy page queries, `'auto'` the exports when the server offers
 * them (`Run.parquetHistory`), else the pages.
 */
export type HistorySource = 'auto' | 'parquet' | 'pages';
