import { WandbError } from '../../errors/wandb-error';

/**
 * A history export file could not be read as one: not Parquet, truncated or corrupt, no `_step`
 * column, `_step` not ascending, or a column of a type this reader does not decode (`column`
 * names it). Never replaced by nulls.
 */
export class ParquetHistoryFormatError extends WandbError {
  /** The column at fault, when one is. */
  declare readonly column: string | null;

  constructor(message: string, options: { column?: string | null; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? {} : { cause: options.cause });
    this.name = 'ParquetHistoryFormatError';
    this.column = options.column ?? null;
  }
}
