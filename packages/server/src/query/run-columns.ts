import { type Sql, raw } from './sql';

/** How a plain run column behaves in filters and order. */
export interface RunColumn {
  /** SQL expression over alias `r`. */
  readonly expr: Sql;
  /** Value kind: text, number, or a 0/1 boolean. */
  readonly kind: 'text' | 'number' | 'boolean';
  /** True when the column is never NULL (no "missing" group when sorting). */
  readonly notNull?: boolean;
  /** ISO timestamps: string operands are normalised to `YYYY-MM-DDTHH:MM:SS`. */
  readonly date?: boolean;
}

const text = (column: string, extra: Partial<RunColumn> = {}): RunColumn => ({
  expr: raw(`r.${column}`),
  kind: 'text',
  ...extra,
});

const createdAt = text('created_at', { notNull: true, date: true });
const heartbeatAt = text('heartbeat_at', { date: true });
const updatedAt = text('updated_at', { date: true });
const displayName = text('display_name');
const sweep = text('sweep_name');
const group = text('group_name');
const jobType = text('job_type');
const commit = text('commit_hash');
const readOnly: RunColumn = { expr: raw('r.read_only'), kind: 'boolean', notNull: true };
/** Seconds between creation and the last heartbeat (NULL without a heartbeat). */
const duration: RunColumn = {
  expr: raw('round((julianday(r.heartbeat_at) - julianday(r.created_at)) * 86400.0, 3)'),
  kind: 'number',
};
const entity = text('entity', {
  expr: raw('(SELECT p.entity_name FROM projects p WHERE p.id = r.project_id)'),
  notNull: true,
});
const project = text('project', {
  expr: raw('(SELECT p.name FROM projects p WHERE p.id = r.project_id)'),
  notNull: true,
});

/** Run columns by every accepted spelling (camelCase, snake_case and the W&B aliases). */
export const RUN_COLUMNS: ReadonlyMap<string, RunColumn> = new Map<string, RunColumn>([
  ['name', text('name', { notNull: true })],
  ['displayName', displayName],
  ['display_name', displayName],
  ['state', text('state')],
  ['createdAt', createdAt],
  ['created_at', createdAt],
  ['heartbeatAt', heartbeatAt],
  ['heartbeat_at', heartbeatAt],
  ['updatedAt', updatedAt],
  ['updated_at', updatedAt],
  ['sweep', sweep],
  ['sweepName', sweep],
  ['sweep_name', sweep],
  ['group', group],
  ['groupName', group],
  ['group_name', group],
  ['jobType', jobType],
  ['job_type', jobType],
  ['host', text('host')],
  ['username', text('username')],
  ['commit', commit],
  ['commitHash', commit],
  ['commit_hash', commit],
  ['notes', text('notes')],
  ['description', text('description')],
  ['readOnly', readOnly],
  ['read_only', readOnly],
  ['duration', duration],
  ['entity', entity],
  ['project', project],
]);

/**
 * Normalises an ISO date string to the stored `YYYY-MM-DDTHH:MM:SS` UTC form, so that
 * `2024-05-01T10:00:00Z` or `2024-05-01T12:00:00+02:00` compare correctly; other strings pass.
 */
export function normalizeDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(value))
    return value;
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(value) && value.length > 10;
  const ms = Date.parse(
    hasZone ? value : `${value.replace(' ', 'T')}${value.length > 10 ? 'Z' : 'T00:00:00Z'}`,
  );
  if (Number.isNaN(ms)) return value;
  return new Date(ms).toISOString().slice(0, 19);
}
