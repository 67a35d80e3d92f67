/**
 * Demo data and JSON fixtures for the local server.
 *
 * @packageDocumentation
 */
export type * from './dataset';
export { datasetRun, type DatasetRunFields } from './dataset-run';
export { generateDemoDataset } from './generate';
export { DEMO_API_KEY } from './users';
export { loadFixture } from './fixture';
export { FixtureError } from './fixture-error';
