import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import { FilterError } from '../query';
import { UserInputError } from '../util/user-input-error';

/** Whether an error was caused by the request, so its message may go to the client. */
function isClientError(error: Error | undefined): boolean {
  if (!error) return true;
  return error instanceof UserInputError || error instanceof FilterError || error.name === 'GraphQLError';
}

/**
 * A GraphQL error as sent to clients: message, locations, path. Unexpected failures (bugs,
 * storage errors) become "Internal server error" so that no SQL or stack leaks out.
 */
export function formatError(error: GraphQLError, log?: (error: Error) => void): GraphQLFormattedError {
  const original = error.originalError ?? undefined;
  const clientError = isClientError(original);
  if (!clientError && original && log) log(original);
  return {
    message: clientError ? error.message : 'Internal server error',
    ...(error.locations ? { locations: error.locations } : {}),
    ...(error.path ? { path: error.path } : {}),
  };
}
