/**
 * What `Api`, `Run` and `Runs` load on first use (through `loadOnDemand()`): one module,
 * hence one lazily loaded chunk in a page's bundle (splitting it further would cut the page's
 * first download into more, less compressible files).
 *
 * @internal
 */
export { updateRun, writeSummary, deleteRun } from './runs/run-update';
export { createRun } from './runs/create-run';
export { waitUntilFinished } from './runs/wait-until-finished';
export { loadSweep } from './sweeps/load-sweep';
export { createSweep } from './sweeps/create-sweep';
export { loadEntity, loadTeam } from './entities/load-entity';
export { runsHistories } from './export/runs-histories';
export { Project } from './projects/project';
export { BetaReport } from './reports/beta-report';
