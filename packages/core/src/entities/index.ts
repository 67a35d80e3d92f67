/**
 * Entities (users' own entities and teams) and their members.
 *
 * @packageDocumentation
 */
export { toEntity, type Entity, type EntityMember } from './entity';
export { loadEntity, loadTeam } from './load-entity';
