/**
 * Run history: sampled rows and full scans.
 *
 * @packageDocumentation
 */
export { HistoryScan, type ScanHistoryOptions } from './history-scan';
export { toColumns, type HistoryColumns, type HistoryOptions, type HistoryRow } from './history';
export { nextWindow, resumeOffset, scanRange, type ScanRange, type ScanWindow } from './scan-plan';
