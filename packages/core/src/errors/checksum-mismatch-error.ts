import { WandbError } from './wandb-error';

/** Downloaded bytes do not match the checksum the server announced. */
export class ChecksumMismatchError extends WandbError {
  /** Checksum announced by the server. */
  readonly expected: string;
  /** Checksum of the bytes received. */
  readonly actual: string;

  constructor(message: string, init: { expected: string; actual: string }) {
    super(message);
    this.name = 'ChecksumMismatchError';
    this.expected = init.expected;
    this.actual = init.actual;
  }
}
