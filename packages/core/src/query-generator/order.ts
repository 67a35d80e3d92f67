import { BadInputError } from '../errors';
import { keyToServerPath } from './keys';
import { field, pyRepr, pyTruthy } from './python';
import type { SortSpec } from './types';

const RUN_COLUMNS: ReadonlySet<string> = new Set(['createdAt', 'updatedAt', 'name', 'sweep']);
const KNOWN_ROOTS: ReadonlySet<string> = new Set(['config', 'summary_metrics', 'tags']);

/**
 * Normalises a sweep order key into a server order string.
 *
 * A leading `+`/`-` sets the direction (default `-`). A bare run column (`createdAt`,
 * `updatedAt`, `name`, `sweep`) gives `null`, as the reference does; other bare names and
 * dotted paths outside `config`/`summary_metrics`/`tags` are put under `summary_metrics.`.
 *
 * @example formatOrderKey('+loss') // '+summary_metrics.loss'
 */
export function formatOrderKey(key: string): string | null {
  if (typeof key !== 'string') throw new BadInputError(`Order key must be a string, got ${pyRepr(key)}`);
  let direction = '-';
  let rest = key;
  if (key.startsWith('+') || key.startsWith('-')) {
    direction = key.charAt(0);
    rest = key.slice(1);
  }
  const parts = rest.split('.');
  const first = parts[0] ?? '';
  if (parts.length === 1) return RUN_COLUMNS.has(first) ? null : `${direction}summary_metrics.${first}`;
  return KNOWN_ROOTS.has(first) ? direction + rest : `${direction}summary_metrics.${rest}`;
}

/**
 * Server order strings of a UI sort spec, one per key (not joined).
 *
 * @example keysToOrder({ keys: [{ key: { section: 'summary', name: 'loss' }, ascending: true }] }) // ['+summary_metrics.loss']
 */
export function keysToOrder(keys: SortSpec): string[] {
  const items = field(keys, 'keys', 'Sort spec');
  if (!Array.isArray(items)) throw new BadInputError('Sort spec keys must be a list');
  return items.map((item: unknown) => {
    const path = keyToServerPath(field(item, 'key', 'Sort key') as SortSpec['keys'][number]['key']);
    const ascending = (item as Record<string, unknown>)['ascending'];
    return (pyTruthy(ascending) ? '+' : '-') + path;
  });
}

/**
 * UI sort spec of order strings. Each string must start with `+` or `-`; the rest becomes the
 * name of a `run` key, unparsed (so this is not the exact inverse of {@link keysToOrder}).
 *
 * @throws BadInputError `you must sort by ascending(+) or descending(-)` without a sign.
 */
export function orderToKeys(order: Iterable<string>): SortSpec {
  const keys: SortSpec['keys'] = [];
  for (const item of order) {
    if (typeof item !== 'string' || item.length === 0) {
      throw new BadInputError(`Order entry must be a non-empty string, got ${pyRepr(item)}`);
    }
    const sign = item.charAt(0);
    if (sign !== '+' && sign !== '-')
      throw new BadInputError('you must sort by ascending(+) or descending(-)');
    keys.push({ key: { section: 'run', name: item.slice(1) }, ascending: sign === '+' });
  }
  return { keys };
}
