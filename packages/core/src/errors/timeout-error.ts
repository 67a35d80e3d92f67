import { WandbError } from './wandb-error';

/** One attempt took longer than its timeout. Retried like a network error. */
export class TimeoutError extends WandbError {
  /** The timeout that expired, in milliseconds. */
  readonly timeoutMs: number;

  constructor(message: string, init: { timeoutMs: number }) {
    super(message);
    this.timeoutMs = init.timeoutMs;
  }
}
