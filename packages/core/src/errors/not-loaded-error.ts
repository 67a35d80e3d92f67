import { WandbError } from './wandb-error';

/**
 * A field of a run from a lazy or selective listing (`api.runs(path, { lazy: true })`,
 * `{ summaryKeys }`, `{ configKeys }`) was read, or the run was written, before `await run.load()`
 * fetched the rest. The message names the field and the run.
 */
export class NotLoadedError extends WandbError {
  /** What was not loaded: `config`, `rawConfig`, `summary`, `systemMetrics`, `historyKeys`, or `update` for a write. */
  declare readonly field: string;

  constructor(message: string, init: { field: string }) {
    super(message);
    this.name = 'NotLoadedError';
    this.field = init.field;
  }
}
