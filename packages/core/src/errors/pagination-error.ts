import { WandbError } from './wandb-error';

/** A paginated listing cannot go on: the cursor did not advance, or the page had no `pageInfo`. */
export class PaginationError extends WandbError {}
