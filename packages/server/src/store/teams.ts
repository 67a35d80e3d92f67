import type { UserRow } from './rows';
import type { Store } from './store';
import { ensureEntity } from './write-objects';

/**
 * Team admins (wandb/wandb `wandb/apis/public/teams.py`). Team membership itself is a user's `teams` list; a user's
 * own entity (`users.entity`) is personal, every other entity is a team.
 */
export const TEAMS_SQL = `
CREATE TABLE IF NOT EXISTS team_admins (
  entity_name TEXT NOT NULL,
  username TEXT NOT NULL,
  PRIMARY KEY (entity_name, username)
) WITHOUT ROWID;
`;

/** An entities row. */
export interface EntityRow {
  id: number;
  name: string;
}

/** The entity of that name, or undefined. */
export function entityByName(store: Store, name: string): EntityRow | undefined {
  return store.prepare<EntityRow>('SELECT id, name FROM entities WHERE name = ?').get(name);
}

/** Whether `name` is a team: no user has it as their own entity. */
export function isTeam(store: Store, name: string): boolean {
  return !store.prepare('SELECT 1 FROM users WHERE entity = ? LIMIT 1').get(name);
}

/** Users of an entity, in the order they were added: a team's members, or the owner of a personal entity. */
export function entityMembers(store: Store, name: string): UserRow[] {
  if (!isTeam(store, name)) {
    return store.prepare<UserRow>('SELECT * FROM users WHERE entity = ? ORDER BY id').all(name);
  }
  return store
    .prepare<UserRow>(
      'SELECT * FROM users WHERE EXISTS (SELECT 1 FROM json_each(users.teams) WHERE value = ?) ORDER BY id',
    )
    .all(name);
}

/** Whether `user` administers entity `name`: a site admin, the owner of a personal entity, or a team admin. */
export function isEntityAdmin(store: Store, name: string, user: UserRow): boolean {
  if (user.admin === 1 || user.entity === name) return true;
  return !!store
    .prepare('SELECT 1 FROM team_admins WHERE entity_name = ? AND username = ?')
    .get(name, user.username);
}

/** Bytes of all files of the runs of an entity's projects. */
export function entityStorageBytes(store: Store, name: string): number {
  const row = store
    .prepare<{ bytes: number | null }>(
      `SELECT SUM(f.size_bytes) AS bytes FROM files f JOIN runs r ON r.id = f.run_id
       JOIN projects p ON p.id = r.project_id WHERE p.entity_name = ?`,
    )
    .get(name);
  return row?.bytes ?? 0;
}

/**
 * Creates team `name` with `admin` as its member and admin, in one transaction.
 *
 * @returns the new entity, or a reason it could not be made
 */
export function createTeam(store: Store, name: string, admin: UserRow): EntityRow | { error: 'taken' } {
  return store.transaction(() => {
    if (entityByName(store, name)) return { error: 'taken' as const };
    ensureEntity(store, name);
    const teams = JSON.parse(admin.teams) as string[];
    store
      .prepare('UPDATE users SET teams = ? WHERE id = ?')
      .run(JSON.stringify([...teams.filter((t) => t !== name), name]), admin.id);
    store
      .prepare('INSERT OR IGNORE INTO team_admins (entity_name, username) VALUES (?, ?)')
      .run(name, admin.username);
    return entityByName(store, name) as EntityRow;
  });
}
