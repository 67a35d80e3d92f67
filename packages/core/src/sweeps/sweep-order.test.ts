import { describe, expect, it } from 'vitest';
import { sweepOrder } from './sweep-order';

describe('sweepOrder', () => {
  it('sorts ascending for minimize or a missing goal', () => {
    expect(sweepOrder({ metric: { name: 'val_loss', goal: 'minimize' } })).toBe('+summary_metrics.val_loss');
    expect(sweepOrder({ metric: { name: 'val_loss' } })).toBe('+summary_metrics.val_loss');
  });
  it('sorts descending for any other goal, misspellings included', () => {
    expect(sweepOrder({ metric: { name: 'acc', goal: 'maximize' } })).toBe('-summary_metrics.acc');
    expect(sweepOrder({ metric: { name: 'acc', goal: 'minimise' } })).toBe('-summary_metrics.acc');
  });
  it('formats an explicit order and ignores the metric', () => {
    expect(sweepOrder({ metric: { name: 'acc' } }, 'config.lr')).toBe('-config.lr');
    expect(sweepOrder({}, '-createdAt')).toBeNull();
  });
  it('is null without a metric', () => expect(sweepOrder({ method: 'grid' })).toBeNull());
});
