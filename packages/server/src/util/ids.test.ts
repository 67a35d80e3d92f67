import { describe, expect, it } from 'vitest';
import { parseRunGraphqlId, runGraphqlId, typedId } from './ids';

describe('ids', () => {
  it('makes run ids the way W&B does and reads them back', () => {
    const id = runGraphqlId('run00000', 'p', 'e');
    expect(id).toBe('UnVuOnYxOnJ1bjAwMDAwOnA6ZQ==');
    expect(parseRunGraphqlId(id)).toEqual({ name: 'run00000', project: 'p', entity: 'e' });
  });

  it('rejects ids that are not run ids', () => {
    expect(parseRunGraphqlId(typedId('Project', 1))).toBeNull();
    expect(parseRunGraphqlId('garbage')).toBeNull();
  });
});
