/**
 * Run, sweep and project path parsing, as the Python SDK does it.
 *
 * @packageDocumentation
 */
export { parseRunPath, type PathDefaults, type RunPath } from './run-path';
export { parseProjectPath, type ProjectPath } from './project-path';
export { pythonRepr } from './python-repr';
