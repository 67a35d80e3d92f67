import type { GetTeamEntityQuery } from '@wbapi/gql';

/** A user as a member of an entity (Python's `Member`). */
export interface EntityMember {
  /** GraphQL id of the user. */
  id: string | null;
  /** Login name. */
  username: string | null;
  /** Full name. */
  name: string;
  /** Email address. */
  email: string | null;
  /** Avatar URL. */
  photoUrl: string | null;
  /** Whether the member administers the entity. */
  admin: boolean;
  /** Whether the invitation is still pending. */
  pending: boolean;
  /** `USER`, `SERVICE`, ... */
  accountType: string | null;
  /** The member's API key: only when the viewer administers the entity, else null. */
  apiKey: string | null;
}

/** A user's entity or a team, with its members (Python's `Team`). */
export interface Entity {
  /** GraphQL id. */
  id: string;
  /** The entity name. */
  name: string;
  /** Whether it is a team (false for a user's own entity). */
  isTeam: boolean;
  /** Avatar URL. */
  photoUrl: string | null;
  /** Whether the name is free to take. */
  available: boolean | null;
  /** Whether the viewer may only read. */
  readOnly: boolean | null;
  /** Whether only admins may write. */
  readOnlyAdmin: boolean;
  /** Whether projects are private only. */
  privateOnly: boolean;
  /** Bytes stored. */
  storageBytes: number;
  /** Whether code saving is on. */
  codeSavingEnabled: boolean;
  /** Default access of new projects, e.g. `PRIVATE`. */
  defaultAccess: string;
  /** Whether the entity is on a paid plan. */
  isPaid: boolean | null;
  /** Members: a team's users, or the user owning a personal entity. */
  members: EntityMember[];
}

/** Converts the `entity` of a GetTeamEntity reply. */
export function toEntity(entity: NonNullable<GetTeamEntityQuery['entity']>): Entity {
  const { members, ...fields } = entity;
  return {
    ...fields,
    members: members.map((member) => ({
      ...member,
      admin: member.admin ?? false,
      pending: member.pending ?? false,
    })),
  };
}
