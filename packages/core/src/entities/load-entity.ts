import { GetTeamEntityDocument } from '@wbapi/gql';
import type { ApiContext, RequestOptions } from '../api/context';
import { NotFoundError } from '../errors';
import type { Platform } from '../platform';
import { toEntity, type Entity } from './entity';

/** A user's entity or a team by name, with its members; null when none has that name. */
export async function loadEntity<P extends Platform>(
  context: ApiContext<P>,
  name: string,
  options: RequestOptions = {},
): Promise<Entity | null> {
  const result = await context.client.request(GetTeamEntityDocument, { name }, options);
  return result.entity ? toEntity(result.entity) : null;
}

/**
 * A team (or a user's entity, as Python's `api.team` allows) by name, with its members.
 *
 * @throws NotFoundError when no entity has that name
 */
export async function loadTeam<P extends Platform>(
  context: ApiContext<P>,
  name: string,
  options: RequestOptions = {},
): Promise<Entity> {
  const entity = await loadEntity(context, name, options);
  if (!entity) throw new NotFoundError(`Could not find team ${name}`);
  return entity;
}
