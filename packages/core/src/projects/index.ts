/**
 * Projects of an entity. `Project` (a value) is exported from `@wbapi/core/extras`.
 *
 * @packageDocumentation
 */
export type { Project, ProjectAttrs } from './project';
export { Projects, type ProjectsOptions } from './projects';
