/**
 * Reports (beta). `BetaReport` and the report helpers (values) are exported from
 * `@wbapi/core/extras`.
 *
 * @packageDocumentation
 */
export type { BetaReport, ReportAttrs, ReportSection, ReportUser } from './beta-report';
export { Reports, type ReportsOptions } from './reports';
export type { ReportRunsOptions } from './report-runs';
