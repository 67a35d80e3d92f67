import { WandbError } from '../../errors/wandb-error';

/**
 * A run's history is not all exported yet (`parquetHistory` listed live rows) and a complete
 * export was required: nothing was downloaded. Python raises `IncompleteRunHistoryError` then.
 */
export class IncompleteRunHistoryError extends WandbError {
  /** How many rows are not exported yet. */
  declare readonly liveRows: number;

  constructor(message: string, init: { liveRows: number }) {
    super(message);
    this.name = 'IncompleteRunHistoryError';
    this.liveRows = init.liveRows;
  }
}
