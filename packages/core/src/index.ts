/**
 * Platform-free client for the Weights & Biases public query API.
 *
 * @packageDocumentation
 */
export { VERSION, DEFAULT_USER_AGENT } from './version';
export * from './errors';
export * from './json';
export * from './transport';
export * from './pagination';
export * from './paths';
export type * from './platform';
export * from './query-generator';
