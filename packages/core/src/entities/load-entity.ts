import { GetTeamEntityDocument } from '@wbapi/gql';
import { NotFoundError } from '../errors/not-found-error';
import type { RequestOptions, Session } from '../session/session';
import { toEntity, type Entity } from './entity';

/** A user's entity or a team by name, with its members; null when none has that name. */
export async function loadEntity(
  session: Session,
  name: string,
  options: RequestOptions = {},
): Promise<Entity | null> {
  const result = await session.client.request(GetTeamEntityDocument, { name }, options);
  return result.entity ? toEntity(result.entity) : null;
}

/**
 * A team (or a user's entity, as Python's `api.team` allows) by name, with its members.
 *
 * @throws NotFoundError when no entity has that name
 */
export async function loadTeam(
  session: Session,
  name: string,
  options: RequestOptions = {},
): Promise<Entity> {
  const entity = await loadEntity(session, name, options);
  if (!entity) throw new NotFoundError(`Could not find team ${name}`);
  return entity;
}
