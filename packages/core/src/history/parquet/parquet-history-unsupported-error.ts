import { WandbError } from '../../errors/wandb-error';

/**
 * The server has no `Run.parquetHistory` (it answered the GraphQL validation error of a server
 * without history exports). Scans with `source: 'auto'` read the legacy pages instead.
 */
export class ParquetHistoryUnsupportedError extends WandbError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'ParquetHistoryUnsupportedError';
  }
}
