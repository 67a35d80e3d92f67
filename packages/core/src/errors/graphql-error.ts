import { WandbError } from './wandb-error';

/** One entry of a GraphQL `errors` array. */
export interface GraphQLErrorEntry {
  /** What went wrong, as the server said it. */
  message: string;
  /** Path of the field that failed, when given. */
  path?: ReadonlyArray<string | number>;
  /** Server-specific details. */
  extensions?: Record<string, unknown>;
  /** Anything else the server sent. */
  [key: string]: unknown;
}

/** What a {@link GraphQLError} carries. */
export interface GraphQLErrorInit {
  /** The `errors` array of the reply. */
  errors: GraphQLErrorEntry[];
  /** The (partial) `data` of the reply, `null` when absent. */
  data?: unknown;
  /** HTTP status of the reply (200 in most cases; GraphQL errors are read even on 4xx/5xx). */
  status: number;
}

/**
 * The reply carried a non-empty GraphQL `errors` array. Retried like an HTTP error of the same
 * status: errors in a 200 reply never, errors in a 408/429/5xx reply (a server that failed
 * mid-request) within the retry budget (see `isRetryableError`).
 */
export class GraphQLError extends WandbError {
  // Set in the constructor, hence `declare`: bundles get no separate field definitions.
  /** The `errors` array as the server sent it. */
  declare readonly errors: GraphQLErrorEntry[];
  /** Partial `data` that came with the errors, or `null`. */
  declare readonly data: unknown;
  /** HTTP status of the reply. */
  declare readonly status: number;

  constructor(message: string, init: GraphQLErrorInit) {
    super(message);
    this.name = 'GraphQLError';
    this.errors = init.errors;
    this.data = init.data ?? null;
    this.status = init.status;
  }
}
