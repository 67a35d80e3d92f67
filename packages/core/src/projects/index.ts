/**
 * Projects of an entity.
 *
 * @packageDocumentation
 */
export { Project, type ProjectAttrs } from './project';
export { Projects, type ProjectsOptions } from './projects';
