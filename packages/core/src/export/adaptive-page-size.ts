import { GraphQLError, HttpError, TimeoutError } from '../errors';

/** Options of {@link AdaptivePageSize}. */
export interface AdaptivePageSizeOptions {
  /** Rows one request should carry at first (runs × samples). @defaultValue 10_000 */
  targetRows?: number;
  /** Rows per sampled run. */
  rowsPerRun: number;
  /** Most runs per request. @defaultValue 100 */
  maxRuns?: number;
  /** A reply slower than this halves the page; one four times faster doubles it. @defaultValue 4_000 */
  targetMs?: number;
}

/**
 * Runs per request for many runs' sampled history, adapting to the server's answers (W&B limits
 * requests by the database time they take): starts at `targetRows / rowsPerRun` runs, doubles
 * after quick replies, halves after slow ones, and halves and asks again after a reply that says
 * the request was too big (timeout, 413, 502/503/504, a GraphQL error about time or size).
 *
 * @example
 * ```ts
 * const size = new AdaptivePageSize({ rowsPerRun: 500 }); // 20 runs per request at first
 * size.answered(300); // quick: 100 next time
 * ```
 */
export class AdaptivePageSize {
  /** Runs to ask for in the next request. */
  runs: number;
  private readonly maxRuns: number;
  private readonly targetMs: number;

  constructor(options: AdaptivePageSizeOptions) {
    this.maxRuns = Math.max(1, options.maxRuns ?? 100);
    this.targetMs = options.targetMs ?? 4_000;
    const rows = Math.max(1, options.rowsPerRun);
    this.runs = Math.min(this.maxRuns, Math.max(1, Math.floor((options.targetRows ?? 10_000) / rows)));
  }

  /** Counts a reply that took `ms`. */
  answered(ms: number): void {
    if (ms > this.targetMs) this.runs = Math.max(1, Math.floor(this.runs / 2));
    else if (ms * 4 < this.targetMs) this.runs = Math.min(this.maxRuns, this.runs * 2);
  }

  /** After a failed request: true (with a halved page) when asking for fewer runs may help. */
  failed(error: unknown): boolean {
    if (this.runs <= 1 || !tooBig(error)) return false;
    this.runs = Math.max(1, Math.floor(this.runs / 2));
    return true;
  }
}

/** Statuses of replies to requests too big or too slow for the server (or its gateway). */
const TOO_BIG = new Set([413, 502, 503, 504]);

/** Whether an error says the request was too big or too slow for the server. */
function tooBig(error: unknown): boolean {
  if (error instanceof TimeoutError) return true;
  if ((error instanceof HttpError || error instanceof GraphQLError) && TOO_BIG.has(error.status)) return true;
  return (
    error instanceof GraphQLError && /time|too (large|big|many|expensive)|limit|budget/i.test(error.message)
  );
}
