import { checkFilterLength, runListing } from '../query';
import { underDeadline } from '../query/query-budget';
import { projectOf, type Context } from '../schema/context';
import type { RunRow } from '../store/rows';
import { UserInputError } from '../util/user-input-error';
import { parseWandbJson } from '../util/wandb-json';
import { toConnection, type Connection } from './connection';

/** Parses the `filters` JSONString argument; null, empty or absent means "no filter". */
export function parseFilters(filters: unknown): unknown {
  if (filters === null || filters === undefined || filters === '') return {};
  if (typeof filters !== 'string') return filters;
  checkFilterLength(filters);
  try {
    return parseWandbJson(filters);
  } catch {
    throw new UserInputError('filters is not valid JSON');
  }
}

/** Number of runs of a project matching `filters` (from the listing cache, see src/query), within the request's time budget. */
export async function countRuns(ctx: Context, projectId: number, filters: unknown): Promise<number> {
  const filter = parseFilters(filters);
  const listing = runListing(ctx.store.db);
  const { deadline } = ctx;
  await listing.prepareFilter({ projectId, filter }, deadline);
  return underDeadline(deadline, () => listing.count({ projectId, filter }));
}

/** Whether a cursor is one of ours (base64url JSON object); details are checked by src/query. */
function isOwnCursor(cursor: string): boolean {
  try {
    const body: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return typeof body === 'object' && body !== null;
  } catch {
    return false;
  }
}

/**
 * One page of runs of a project (keyset pagination served by the listing cache, see src/query). A cursor this server never
 * made (e.g. replayed from another server) ends the listing with an empty page instead of an
 * error; one of ours that is corrupted or made for another order is a clear error.
 */
export async function listRuns(
  ctx: Context,
  projectId: number,
  args: {
    filters: unknown;
    order: string | null | undefined;
    after: string | null | undefined;
    size: number;
  },
): Promise<Connection<RunRow>> {
  projectOf(ctx, projectId);
  if (args.after && !isOwnCursor(args.after)) {
    return { edges: [], pageInfo: { endCursor: null, hasNextPage: false } };
  }
  const filter = parseFilters(args.filters);
  const listing = runListing(ctx.store.db);
  const { deadline } = ctx;
  await listing.prepareFilter({ projectId, filter }, deadline);
  const page = underDeadline(deadline, () =>
    listing.page<RunRow>({ projectId, filter, order: args.order, after: args.after, first: args.size + 1 }),
  );
  for (const row of page.rows) ctx.runs.set(row.id, row);
  return toConnection(
    page.rows,
    args.size,
    (row) => page.cursorOf(row as unknown as Record<string, unknown>),
    (row) => row,
  );
}
