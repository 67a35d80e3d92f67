import { WandbError } from './wandb-error';

/** A download target already exists and neither replacing nor keeping it was allowed. */
export class FileExistsError extends WandbError {
  /** The path that exists. */
  readonly path: string;

  constructor(message: string, init: { path: string }) {
    super(message);
    this.name = 'FileExistsError';
    this.path = init.path;
  }
}
