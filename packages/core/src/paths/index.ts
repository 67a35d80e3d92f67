/**
 * Paths (`entity/project/id`) and the plain references the functions take.
 *
 * @packageDocumentation
 */
export { parseRunPath, type PathDefaults, type RunPath } from './run-path';
export { parseProjectPath, type ProjectPath } from './project-path';
export { pythonRepr } from './python-repr';
export type { ProjectRef, RunRef } from './refs';
