/**
 * Reports (beta) and the runs their sections show.
 *
 * @packageDocumentation
 */
export { BetaReport, type ReportAttrs, type ReportSection, type ReportUser } from './beta-report';
export { Reports, type ReportsOptions } from './reports';
export { reportRuns, type ReportRunsOptions } from './report-runs';
export { reportSlug, reportUrl } from './report-url';
