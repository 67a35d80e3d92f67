import { WandbError } from '../errors/wandb-error';

/**
 * A manifest entry references storage wbapi cannot read (`s3://`, `gs://`, Azure blobs, or an
 * unknown scheme) and no `referenceFetcher` was given. W&B credentials are never used for them.
 */
export class UnsupportedReferenceError extends WandbError {
  /** Path of the entry in the artifact. */
  readonly path: string;
  /** The reference URI. */
  readonly ref: string;

  constructor(message: string, init: { path: string; ref: string }) {
    super(message);
    this.path = init.path;
    this.ref = init.ref;
  }
}
