import { WandbError } from './wandb-error';

/** The server answered something that is not a GraphQL reply (not JSON, or neither `data` nor `errors`). */
export class MalformedResponseError extends WandbError {
  // Set in the constructor, hence `declare`: bundles get no separate field definitions.
  /** HTTP status of the reply. */
  declare readonly status: number;
  /** Start of the body, truncated. */
  declare readonly bodyText: string;

  constructor(message: string, init: { status: number; bodyText?: string; cause?: unknown }) {
    super(message, { cause: init.cause });
    this.name = 'MalformedResponseError';
    this.status = init.status;
    this.bodyText = init.bodyText ?? '';
  }
}
