import { WandbError } from './wandb-error';

/** A bad argument: a path, filter or option that cannot be used. The message says what and why. */
export class BadInputError extends WandbError {
  // Set in the constructor, hence `declare`: bundles get no separate field definitions.
  /** For paths: which part is missing (`'entity'`, `'project'`, `'id'`), else `undefined`. */
  declare readonly missing: string | undefined;

  constructor(message: string, init: { missing?: string; cause?: unknown } = {}) {
    super(message, { cause: init.cause });
    this.name = 'BadInputError';
    this.missing = init.missing;
  }
}
