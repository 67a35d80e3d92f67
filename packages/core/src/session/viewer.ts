import { ViewerDocument, type ViewerQuery } from '@wbapi/gql';
import type { RequestOptions, Session } from './session';

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

/**
 * The user the session's API key belongs to, or null when the key is not recognised. Also
 * remembers the viewer's default entity in the session.
 */
export async function getViewer(session: Session, options: RequestOptions = {}): Promise<Viewer | null> {
  const result = await session.client.request(ViewerDocument, {}, options);
  if (!result.viewer) return null;
  session.rememberEntity?.(result.viewer.entity ?? null);
  return toViewer(result.viewer);
}

/** The viewer's default entity (asked once per session, cached once non-null). */
export function getDefaultEntity(session: Session, options: RequestOptions = {}): Promise<string | null> {
  return session.defaultEntity(options);
}
