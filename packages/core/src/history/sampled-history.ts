import { RunEventsDocument, RunHistoryDocument } from '@wbapi/gql';
import { BadInputError } from '../errors/bad-input-error';
import type { RunRef } from '../paths/refs';
import { runNotFound } from '../runs/run-not-found';
import type { RequestOptions, Session } from '../session/session';
import {
  firstSpecRows,
  parseRows,
  toColumns,
  validateKeys,
  type HistoryColumns,
  type HistoryOptions,
  type HistoryRow,
} from './history';
import { MAX_SAMPLES, positiveCount } from '../validate';
import { sampledLists } from './sampled-lists';

/**
 * A run's sampled history (at most `samples` rows), as Python's `run.history()`: with `keys`,
 * only rows having all of them (`sampledHistory`); without, every key (`history`, or `events`
 * for `stream: 'system'`). Rows, or columns with `format: 'columns'`. Rows having any of the
 * keys: {@link anyKeyHistory} (or `run.history({ keys, match: 'any' })`).
 *
 * @throws NotFoundError when the run does not exist; BadInputError on bad keys or stream, and
 *   for `match: 'any'` (call `anyKeyHistory`, which keeps its code out of pages that never use it).
 * @example
 * ```ts
 * const rows = await sampledHistory(session, { entity: 'acme', project: 'mnist', id: 'r1' }, { keys: ['loss'] });
 * ```
 */
export function sampledHistory(
  session: Session,
  run: RunRef,
  options: HistoryOptions & { format: 'columns' },
): Promise<HistoryColumns>;
export function sampledHistory(
  session: Session,
  run: RunRef,
  options?: HistoryOptions & { format?: 'rows' },
): Promise<HistoryRow[]>;
export function sampledHistory(
  session: Session,
  run: RunRef,
  options?: HistoryOptions,
): Promise<HistoryRow[] | HistoryColumns>;
export async function sampledHistory(
  session: Session,
  run: RunRef,
  options: HistoryOptions = {},
): Promise<HistoryRow[] | HistoryColumns> {
  const { keys, xAxis = '_step', stream = 'default', format = 'rows', match = 'all', ...call } = options;
  const samples = positiveCount('samples', options.samples, 500, MAX_SAMPLES);
  if (stream !== 'default' && stream !== 'system')
    throw new BadInputError(`stream must be "default" or "system"`);
  if (match !== 'all') {
    throw new BadInputError(
      match === 'any' ? 'for match "any" call anyKeyHistory()' : 'match must be "all" or "any"',
    );
  }
  const wanted = validateKeys(keys, stream);
  const rows = !wanted
    ? await fullRows(session, run, stream, samples, call)
    : firstSpecRows(
        await sampledLists(session, run, [JSON.stringify({ keys: [xAxis, ...wanted], samples })], call),
      );
  return format === 'columns' ? toColumns(rows) : rows;
}

async function fullRows(
  session: Session,
  run: RunRef,
  stream: 'default' | 'system',
  samples: number,
  call: RequestOptions,
): Promise<HistoryRow[]> {
  const variables = { entity: run.entity, project: run.project, name: run.id, samples };
  if (stream === 'system') {
    const result = await session.client.request(RunEventsDocument, variables, call);
    if (!result.project?.run) throw runNotFound(run);
    return parseRows(result.project.run.events);
  }
  const result = await session.client.request(RunHistoryDocument, variables, call);
  if (!result.project?.run) throw runNotFound(run);
  return parseRows(result.project.run.history);
}
