import type { GraphQLFieldResolver } from 'graphql';
import type { Context } from '../schema/context';

/** A field resolver with loosely typed source and arguments (the schema checks the arguments). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Resolver<S = any> = GraphQLFieldResolver<S, Context, any>;

/** Resolvers of one GraphQL type, by field name. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TypeResolvers<S = any> = Record<string, Resolver<S>>;
