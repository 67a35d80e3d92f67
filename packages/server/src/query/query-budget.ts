import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { UserInputError } from '../util/user-input-error';

/** Default time budget of one GraphQL query (`queryBudgetMs` of `startServer`). */
export const DEFAULT_QUERY_BUDGET_MS = 10_000;

/** Longest stretch a request runs before other requests get the event loop. */
const YIELD_AFTER_MS = 5;

/** A query that ran past its time budget; answered as a GraphQL error, the server keeps serving. */
export class QueryBudgetError extends UserInputError {
  override readonly name: string = 'QueryBudgetError';

  constructor(budgetMs: number) {
    super(
      `The query took longer than its time budget of ${budgetMs} ms (queryBudgetMs): ask for less (a narrower filter, fewer runs, keys or samples)`,
    );
  }
}

/**
 * The deadline of one GraphQL query (every resolver checks it, see `src/schema/budgeted.ts`),
 * also checked between slices of a scan and by the SQL functions; and the time it last handed
 * the event loop back, so that a long query can let other requests in every few milliseconds.
 */
export class QueryDeadline {
  private readonly end: number;
  private resumed: number;
  /** Thrown again by every later check: one error (one stack) however many fields fail. */
  private error: QueryBudgetError | undefined;

  constructor(readonly budgetMs: number) {
    this.resumed = performance.now();
    this.end = this.resumed + budgetMs;
  }

  /** Throws {@link QueryBudgetError} once the budget is spent. */
  check(): void {
    this.checkAt(performance.now());
  }

  /**
   * Checks the deadline; true when the query has held the event loop long enough that it should
   * {@link pause} before going on.
   */
  due(): boolean {
    const now = performance.now();
    this.checkAt(now);
    return now - this.resumed > YIELD_AFTER_MS;
  }

  /** Hands the event loop to other requests once, then checks the deadline. */
  async pause(): Promise<void> {
    await yieldToEventLoop();
    this.resumed = performance.now();
    this.checkAt(this.resumed);
  }

  private checkAt(now: number): void {
    if (now > this.end) throw (this.error ??= new QueryBudgetError(this.budgetMs));
  }
}

/** The deadline of the statement running now (statements are synchronous, so one at a time). */
let current: QueryDeadline | null = null;

/** Runs the synchronous `fn` (SQL statements) under `deadline`: the SQL functions check it. */
export function underDeadline<T>(deadline: QueryDeadline | null, fn: () => T): T {
  const outer = current;
  current = deadline;
  try {
    return fn();
  } finally {
    current = outer;
  }
}

/** Called by the SQL functions the filters use, once per evaluation: throws past the deadline. */
export function checkCurrentDeadline(): void {
  current?.check();
}
