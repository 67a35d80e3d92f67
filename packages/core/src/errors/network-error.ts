import { WandbError } from './wandb-error';

/** The request could not be sent or the reply could not be read (DNS, refused or reset connection). */
export class NetworkError extends WandbError {
  constructor(message: string, init: { cause?: unknown } = {}) {
    super(message, { cause: init.cause });
    this.name = 'NetworkError';
  }
}
