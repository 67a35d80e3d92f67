import { describe, expect, it } from 'vitest';
import { BadInputError } from '../errors/bad-input-error';
import { checkOrder } from './check-order';

describe('checkOrder', () => {
  it.each(['+created_at', '-summary_metrics.acc', 'config.lr.value', '-summary_metrics.my metric'])(
    'accepts %j unchanged',
    (order) => {
      expect(checkOrder(order)).toBe(order);
    },
  );

  it.each([
    ['summary_metrics.acc desc', "the direction as a prefix: '-key' (descending) or '+key'"],
    ['created_at ASC', "the direction as a prefix: '-key' (descending) or '+key'"],
    ['-summary_metrics.acc desc', "the direction as a prefix: '-key' (descending) or '+key'"],
  ])('refuses the SQL-style %j, saying how to write it', (order, hint) => {
    expect(() => checkOrder(order)).toThrow(BadInputError);
    expect(() => checkOrder(order)).toThrow(hint);
  });

  it('refuses a list of keys', () => {
    expect(() => checkOrder('-summary_metrics.acc,+created_at')).toThrow(
      "Invalid order '-summary_metrics.acc,+created_at': one key",
    );
  });
});
