/**
 * Sweeps and their best run.
 *
 * @packageDocumentation
 */
export { Sweep, describeSweep, type SweepAttrs, type SweepRunsOptions } from './sweep';
export { loadSweep } from './load-sweep';
export { createSweep, type CreateSweepOptions, type CreatedSweep } from './create-sweep';
export type { SweepConfigInput } from './sweep-config-text';
export { Sweeps, type SweepsOptions } from './sweeps';
export { sweepOrder } from './sweep-order';
export { parseSweepConfig } from './sweep-config';
