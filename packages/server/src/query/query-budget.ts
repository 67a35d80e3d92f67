import { FilterError } from './filter-error';

/** Default time budget of one runs query (`queryBudgetMs` of `startServer`). */
export const DEFAULT_QUERY_BUDGET_MS = 10_000;

/** A runs query that ran past its time budget; answered as a GraphQL error, the server keeps serving. */
export class QueryBudgetError extends FilterError {
  override readonly name: string = 'QueryBudgetError';

  constructor(budgetMs: number) {
    super(
      `The runs query took longer than its time budget of ${budgetMs} ms (queryBudgetMs): narrow the filter`,
    );
  }
}

/** The deadline of a runs query: checked between slices of a scan and by the SQL functions. */
export class QueryDeadline {
  private readonly end: number;

  constructor(readonly budgetMs: number) {
    this.end = performance.now() + budgetMs;
  }

  /** Throws {@link QueryBudgetError} once the budget is spent. */
  check(): void {
    if (performance.now() > this.end) throw new QueryBudgetError(this.budgetMs);
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
