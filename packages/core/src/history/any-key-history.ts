import type { RunRef } from '../paths/refs';
import type { Session } from '../session/session';
import { MAX_SAMPLES, positiveCount } from '../validate';
import {
  toColumns,
  validateKeys,
  type HistoryColumns,
  type HistoryOptions,
  type HistoryRow,
} from './history';
import { fetchAnyKeyRows } from './match-any';
import { sampledLists } from './sampled-lists';
import { BadInputError } from '../errors/bad-input-error';

/**
 * A run's sampled history rows having **any** of `keys` (not all, as `sampledHistory`), joined by
 * `xAxis`: one spec per key, each sampled on its own to `samples` rows. What
 * `run.history({ keys, match: 'any' })` does; `match` is ignored here.
 *
 * @throws NotFoundError when the run does not exist; BadInputError when `keys` is missing or bad.
 * @example
 * ```ts
 * const rows = await anyKeyHistory(session, { entity: 'acme', project: 'mnist', id: 'r1' }, { keys: ['loss', 'acc'] });
 * ```
 */
export function anyKeyHistory(
  session: Session,
  run: RunRef,
  options: HistoryOptions & { keys: string[]; format: 'columns' },
): Promise<HistoryColumns>;
export function anyKeyHistory(
  session: Session,
  run: RunRef,
  options: HistoryOptions & { keys: string[]; format?: 'rows' },
): Promise<HistoryRow[]>;
export function anyKeyHistory(
  session: Session,
  run: RunRef,
  options: HistoryOptions & { keys: string[] },
): Promise<HistoryRow[] | HistoryColumns>;
export async function anyKeyHistory(
  session: Session,
  run: RunRef,
  options: HistoryOptions & { keys: string[] },
): Promise<HistoryRow[] | HistoryColumns> {
  const {
    keys,
    xAxis = '_step',
    format = 'rows',
    match: _match,
    samples: _samples,
    stream,
    ...call
  } = options;
  const samples = positiveCount('samples', options.samples, 500, MAX_SAMPLES);
  if (stream !== undefined && stream !== 'default' && stream !== 'system')
    throw new BadInputError(`stream must be "default" or "system"`);
  const wanted = validateKeys(keys, stream);
  if (!wanted) throw new BadInputError('keys must be specified in a list');
  const rows = await fetchAnyKeyRows(
    (specs) => sampledLists(session, run, specs, call),
    wanted,
    xAxis,
    samples,
  );
  return format === 'columns' ? toColumns(rows) : rows;
}
