// Stand-in for src/query (SERVER-QUERY) until it lands: no filters, order '-createdAt', offset cursor.
import { fromBase64, toBase64 } from '../util/ids';

/** Page query for a project's runs. */
export function compileRunPage(input: {
  projectId: number;
  filter: unknown;
  order: string | null | undefined;
  after: string | null | undefined;
  first: number;
}): { sql: string; params: unknown[]; cursorOf(row: Record<string, unknown>): string } {
  const offset = input.after ? Number(fromBase64(input.after).split(':')[1] ?? 0) : 0;
  let position = offset;
  return {
    sql: 'SELECT r.* FROM runs r WHERE r.project_id = ? ORDER BY r.created_at DESC, r.id LIMIT ? OFFSET ?',
    params: [input.projectId, input.first, offset],
    cursorOf: () => toBase64(`offset:${++position}`),
  };
}

/** Count query for a project's runs. */
export function compileRunCount(input: { projectId: number; filter: unknown }): {
  sql: string;
  params: unknown[];
} {
  return { sql: 'SELECT COUNT(*) AS n FROM runs r WHERE r.project_id = ?', params: [input.projectId] };
}
