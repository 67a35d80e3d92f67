/**
 * Typed GraphQL documents for the W&B public API.
 *
 * Each `*Document` export is a plain string holding one operation (with its fragments),
 * typed with the shape of its result and of its variables.
 *
 * @packageDocumentation
 */
export * from './generated/graphql';
export type { ResultOf, VariablesOf } from './types';
