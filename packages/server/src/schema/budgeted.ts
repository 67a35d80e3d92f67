import { locatedError, responsePathAsArray, type GraphQLError, type GraphQLResolveInfo } from 'graphql';
import { QueryBudgetError, underDeadline } from '../query/query-budget';
import type { Resolver } from '../resolvers/types';

/** The GraphQL error of each budget error, made once: every later field fails with that same one. */
const located = new WeakMap<QueryBudgetError, GraphQLError>();

/** A budget error as one GraphQL error for the whole query (graphql-js passes a located error on as is). */
function once(error: unknown, info: GraphQLResolveInfo): unknown {
  if (!(error instanceof QueryBudgetError)) return error;
  let graphqlError = located.get(error);
  if (!graphqlError) {
    graphqlError = locatedError(error, info.fieldNodes, responsePathAsArray(info.path));
    located.set(error, graphqlError);
  }
  return graphqlError;
}

/**
 * Wraps a field resolver in the query's time budget (`ctx.deadline`): before the resolver runs,
 * the deadline is checked (past it, the field fails with `QueryBudgetError`, the same error for
 * every field, so that a page of a thousand runs does not build a thousand errors), and a query
 * that has held the event loop for a few milliseconds first hands it to other requests. The
 * resolver runs under the deadline, so the SQL functions it reaches check it too. Every resolver
 * of the schema is wrapped (see `createExecutableSchema`): no query, whatever it asks, holds the
 * server for more than one resolver's work at a time or runs much past its budget.
 */
export function budgeted(resolve: Resolver): Resolver {
  return (source, args, ctx, info) => {
    const { deadline } = ctx;
    const run = (): unknown => underDeadline(deadline, () => resolve(source, args, ctx, info));
    let due: boolean;
    try {
      due = deadline.due();
    } catch (error) {
      throw once(error, info);
    }
    if (!due) return run();
    return deadline.pause().then(run, (error: unknown) => {
      throw once(error, info);
    });
  };
}
