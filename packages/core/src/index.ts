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
export * from './api';
export * from './projects';
export * from './runs';
export * from './history';
export * from './files';
export * from './sweeps';
export * from './reports';
export * from './query-generator';
export * from './export';
