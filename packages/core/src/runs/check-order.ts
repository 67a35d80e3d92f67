import { BadInputError } from '../errors/bad-input-error';

/**
 * Checks a runs order before it is sent: one key with an optional `+` (ascending) or `-`
 * (descending) prefix. The server would read `'summary_metrics.acc desc'` as an ascending order
 * on a key named `acc desc` and every run would tie, so SQL-style suffixes and lists of keys are
 * refused with the spelling to use instead.
 *
 * @returns The order unchanged.
 * @throws BadInputError for an order with an `asc`/`desc` suffix or more than one key, saying
 *   how to write it.
 * @example
 * ```ts
 * checkOrder('-summary_metrics.acc'); // '-summary_metrics.acc'
 * checkOrder('summary_metrics.acc desc'); // throws: write '-summary_metrics.acc'
 * ```
 */
export function checkOrder(order: string): string {
  if (/\s(asc|desc)\s*$|,/i.test(order)) {
    throw new BadInputError(
      `Invalid order '${order}': one key, with the direction as a prefix: '-key' (descending) or '+key'`,
    );
  }
  return order;
}
