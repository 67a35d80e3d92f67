import { WandbError } from './wandb-error';

/** One attempt took longer than its timeout. Retried like a network error. */
export class TimeoutError extends WandbError {
  // Set in the constructor, hence `declare`: bundles get no separate field definitions.
  /** The timeout that expired, in milliseconds. */
  declare readonly timeoutMs: number;

  constructor(message: string, init: { timeoutMs: number }) {
    super(message);
    this.name = 'TimeoutError';
    this.timeoutMs = init.timeoutMs;
  }
}
