import { describe, expect, it } from 'vitest';
import { FaultController } from './faults';

describe('FaultController', () => {
  it('does nothing by default', () => {
    const faults = new FaultController();
    expect(faults.decide('graphql')).toEqual({ latencyMs: 0 });
  });

  it('counts failNext down, then stops failing', () => {
    const faults = new FaultController();
    faults.failNext(2, 429, 5);
    expect(faults.decide('graphql')).toMatchObject({ status: 429, retryAfterSeconds: 5 });
    expect(faults.decide('files')).toMatchObject({ status: 429 });
    expect(faults.decide('graphql').status).toBeUndefined();
    expect(faults.stats).toEqual({ requests: 3, injected: 2 });
  });

  it('leaves untargeted endpoints alone', () => {
    const faults = new FaultController({ failNext: 1, targets: ['files'] });
    expect(faults.decide('graphql').status).toBeUndefined();
    expect(faults.decide('files').status).toBe(503);
  });

  it('draws the same faults for the same seed', () => {
    const draw = (): (number | undefined)[] => {
      const faults = new FaultController({ errorRate: 0.3, seed: 7 });
      return Array.from({ length: 50 }, () => faults.decide('graphql').status);
    };
    expect(draw()).toEqual(draw());
    expect(draw().filter(Boolean).length).toBeGreaterThan(0);
  });
});
