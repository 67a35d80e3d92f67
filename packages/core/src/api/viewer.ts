import type { ViewerQuery } from '@wbapi/gql';

/** The user an API key belongs to, as `api.viewer()` returns it. */
export interface Viewer {
  /** GraphQL id. */
  id: string;
  /** Full name. */
  name: string;
  /** Login name. */
  username: string | null;
  /** Email address. */
  email: string | null;
  /** Whether the user is an admin. */
  admin: boolean;
  /** Feature flags (JSON text), as sent. */
  flags: string | null;
  /** The default entity. */
  entity: string | null;
  /** Avatar URL. */
  photoUrl: string | null;
  /** Names of the user's teams. */
  teams: string[];
}

/** Converts the `viewer` field of a Viewer query. */
export function toViewer(viewer: NonNullable<ViewerQuery['viewer']>): Viewer {
  return {
    id: viewer.id,
    name: viewer.name,
    username: viewer.username ?? null,
    email: viewer.email ?? null,
    admin: viewer.admin ?? false,
    flags: viewer.flags ?? null,
    entity: viewer.entity ?? null,
    photoUrl: viewer.photoUrl ?? null,
    teams: (viewer.teams?.edges ?? []).flatMap((edge) => (edge.node ? [edge.node.name] : [])),
  };
}
