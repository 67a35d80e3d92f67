import type { Context } from '../schema/context';
import type { UserRow } from '../store/rows';
import {
  createTeam,
  entityByName,
  entityMembers,
  entityStorageBytes,
  isEntityAdmin,
  isTeam,
} from '../store/teams';
import { typedId } from '../util/ids';
import { UserInputError } from '../util/user-input-error';
import type { TypeResolvers } from './types';

/** What `Entity` fields resolve from: its GraphQL id and name (as `entityNode` makes it). */
export interface EntitySource {
  id: string;
  name: string;
}

/** A user as a member of an entity. */
interface MemberSource {
  user: UserRow;
  entity: string;
}

/** Entity names end up in paths and run ids (`Run:v1:<run>:<project>:<entity>`). */
const TEAM_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

function entitySource(id: number, name: string): EntitySource {
  return { id: typedId('Entity', id), name };
}

/** Resolvers of `Query.entity`. */
export const entityQueryResolvers: TypeResolvers<unknown> = {
  entity: (_root, args: { name?: string | null }, ctx) => {
    const row = args.name ? entityByName(ctx.store, args.name) : undefined;
    return row ? entitySource(row.id, row.name) : null;
  },
};

/** Resolvers of `Entity` beyond `id` and `name` (wandb/wandb `wandb/apis/public/teams.py`). */
export const entityResolvers: TypeResolvers<EntitySource> = {
  available: () => false,
  photoUrl: (e, _args, ctx) =>
    isTeam(ctx.store, e.name) ? null : (entityMembers(ctx.store, e.name)[0]?.photo_url ?? null),
  readOnly: () => false,
  readOnlyAdmin: () => false,
  isTeam: (e, _args, ctx) => isTeam(ctx.store, e.name),
  privateOnly: () => false,
  storageBytes: (e, _args, ctx) => entityStorageBytes(ctx.store, e.name),
  codeSavingEnabled: () => false,
  defaultAccess: () => 'PRIVATE',
  isPaid: () => false,
  limits: () => '{}',
  members: (e, _args, ctx): MemberSource[] =>
    entityMembers(ctx.store, e.name).map((user) => ({ user, entity: e.name })),
  organization: () => null,
  user: (e, _args, ctx) => (isTeam(ctx.store, e.name) ? null : (entityMembers(ctx.store, e.name)[0] ?? null)),
};

/** Resolvers of `Member`: `apiKey` only when the viewer administers the entity. */
export const memberResolvers: TypeResolvers<MemberSource> = {
  id: (m) => typedId('User', m.user.id),
  admin: (m, _args, ctx) => isEntityAdmin(ctx.store, m.entity, m.user),
  pending: () => false,
  email: (m) => m.user.email,
  username: (m) => m.user.username,
  name: (m) => m.user.name,
  photoUrl: (m) => m.user.photo_url,
  accountType: () => 'USER',
  apiKey: (m, _args, ctx) =>
    ctx.viewer && isEntityAdmin(ctx.store, m.entity, ctx.viewer) ? m.user.api_key : null,
};

/** `User.organizations`: this server has no organizations. */
export const userOrganizationResolvers: TypeResolvers<UserRow> = {
  organizations: () => [],
};

function createTeamResolver(
  ctx: Context,
  input: { teamName: string; teamAdminUserName?: string | null },
): { entity: EntitySource } {
  const name = input.teamName;
  if (!TEAM_NAME.test(name)) {
    throw new UserInputError(
      `invalid team name ${JSON.stringify(name)}: use letters, digits, "-", "_" and "."`,
    );
  }
  const adminName = input.teamAdminUserName ?? ctx.viewer?.username;
  const admin = adminName
    ? ctx.store.prepare<UserRow>('SELECT * FROM users WHERE username = ?').get(adminName)
    : undefined;
  if (!admin) throw new UserInputError(`user not found: ${adminName ?? '(none)'}`);
  const created = createTeam(ctx.store, name, admin);
  if ('error' in created) throw new UserInputError(`entity name ${name} is already taken`);
  return { entity: entitySource(created.id, created.name) };
}

/** Resolvers of `Mutation.createTeam`. */
export const teamMutationResolvers: TypeResolvers<unknown> = {
  createTeam: (_root, args: { input: { teamName: string; teamAdminUserName?: string | null } }, ctx) =>
    createTeamResolver(ctx, args.input),
};
