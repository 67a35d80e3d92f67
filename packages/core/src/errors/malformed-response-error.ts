import { WandbError } from './wandb-error';

/** The server answered something that is not a GraphQL reply (not JSON, or neither `data` nor `errors`). */
export class MalformedResponseError extends WandbError {
  /** HTTP status of the reply. */
  readonly status: number;
  /** Start of the body, truncated. */
  readonly bodyText: string;

  constructor(message: string, init: { status: number; bodyText?: string; cause?: unknown }) {
    super(message, { cause: init.cause });
    this.status = init.status;
    this.bodyText = init.bodyText ?? '';
  }
}
