import type { Context } from '../schema/context';
import type { UserRow } from '../store/rows';
import { typedId } from '../util/ids';
import type { TypeResolvers } from './types';

/** A user by username; an unknown creator becomes a user with only a name (id `User:0`). */
export function userByUsername(ctx: Context, username: string | null): UserRow | null {
  if (!username) return null;
  if (!ctx.users.has(username)) {
    ctx.users.set(
      username,
      ctx.store.prepare<UserRow>('SELECT * FROM users WHERE username = ?').get(username),
    );
  }
  const user = ctx.users.get(username);
  return (
    user ?? {
      id: 0,
      username,
      name: username,
      email: null,
      api_key: '',
      entity: username,
      admin: 0,
      teams: '[]',
      photo_url: null,
    }
  );
}

/** The `Entity` object of a user or team name. */
export function entityNode(ctx: Context, name: string): { id: string; name: string } {
  const row = ctx.store.prepare<{ id: number }>('SELECT id FROM entities WHERE name = ?').get(name);
  return { id: typedId('Entity', row?.id ?? 0), name };
}

/** Resolvers of `User` (source: a users row). */
export const userResolvers: TypeResolvers<UserRow> = {
  id: (u) => typedId('User', u.id),
  name: (u) => u.name,
  username: (u) => u.username,
  email: (u) => u.email,
  admin: (u) => u.admin === 1,
  flags: () => '{}',
  entity: (u) => u.entity,
  photoUrl: (u) => u.photo_url,
  deletedAt: () => null,
  apiKeys: (u, _args, ctx) => {
    // Only the owner of a key sees it, as on W&B.
    if (!ctx.viewer || ctx.viewer.id !== u.id) return null;
    const node = { id: typedId('ApiKey', u.id), name: u.api_key, description: null };
    return { edges: [{ node, cursor: node.id }], pageInfo: { endCursor: node.id, hasNextPage: false } };
  },
  // The user's own entity comes first, as on W&B (wandb/wandb `wandb/apis/public/teams.py`), then the teams.
  teams: (u, _args, ctx) => {
    const names = new Set([u.entity, ...(JSON.parse(u.teams) as string[])]);
    const edges = [...names].map((name) => {
      const node = entityNode(ctx, name);
      return { node, cursor: node.id };
    });
    return { edges, pageInfo: { endCursor: edges.at(-1)?.cursor ?? null, hasNextPage: false } };
  },
};
