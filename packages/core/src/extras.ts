/**
 * The rarely used half of `@wbapi/core`: sweeps, reports, projects' `Project`, QueryGenerator,
 * bulk export, run creation and artifacts. `Api` and `Run` load these on first use through `import()`;
 * import them from here to use them directly (`@wbapi/node` re-exports them from its root).
 *
 * Kept out of the root entry because bundlers split code by file: a module the root re-exports
 * lands in a page's first download even when only a lazy `import()` uses it.
 *
 * @packageDocumentation
 */
export * from './sweeps';
export * from './entities';
export * from './query-generator';
export * from './export';
export { Project } from './projects/project';
export { BetaReport } from './reports/beta-report';
export { reportRuns } from './reports/report-runs';
export { reportSlug, reportUrl } from './reports/report-url';
export { createRun } from './runs/create-run';
export { generateRunId } from './runs/run-id';
export { FINAL_RUN_STATES, waitUntilFinished } from './runs/wait-until-finished';
export * from './artifacts';
