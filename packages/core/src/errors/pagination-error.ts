import { WandbError, type WandbErrorOptions } from './wandb-error';

/** A paginated listing cannot go on: the cursor did not advance, or the page had no `pageInfo`. */
export class PaginationError extends WandbError {
  constructor(message: string, options: WandbErrorOptions = {}) {
    super(message, options);
    this.name = 'PaginationError';
  }
}
