import type { TypedDocumentString } from './generated/graphql';

/**
 * The result type a typed document carries.
 *
 * @example
 * ```ts
 * type Run = ResultOf<typeof RunDocument>; // RunQuery
 * ```
 */
export type ResultOf<TDocument> =
  TDocument extends TypedDocumentString<infer TResult, infer _TVariables> ? TResult : never;

/**
 * The variables type a typed document carries.
 *
 * @example
 * ```ts
 * type Vars = VariablesOf<typeof RunDocument>; // RunQueryVariables
 * ```
 */
export type VariablesOf<TDocument> =
  TDocument extends TypedDocumentString<infer _TResult, infer TVariables> ? TVariables : never;
