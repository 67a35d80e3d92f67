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
    ['summary_metrics.acc desc', "write '-summary_metrics.acc'"],
    ['created_at ASC', "write '+created_at'"],
    ['-summary_metrics.acc desc', "write '-summary_metrics.acc'"],
  ])('refuses the SQL-style %j, saying how to write it', (order, hint) => {
    expect(() => checkOrder(order)).toThrow(BadInputError);
    expect(() => checkOrder(order)).toThrow(hint);
  });

  it('refuses a list of keys', () => {
    expect(() => checkOrder('-summary_metrics.acc,+created_at')).toThrow('ordered by one key');
  });
});
