import { WandbError } from './wandb-error';

/** A file name would be written outside the download root (absolute path, `..`, drive letter). */
export class UnsafePathError extends WandbError {
  /** The offending file name. */
  readonly path: string;

  constructor(message: string, init: { path: string }) {
    super(message);
    this.name = 'UnsafePathError';
    this.path = init.path;
  }
}
