import { describe, expect, it } from 'vitest';
import { MalformedResponseError } from '../errors';
import { parseSweepConfig } from './sweep-config';

describe('parseSweepConfig', () => {
  it('parses YAML and JSON', async () => {
    expect(await parseSweepConfig('method: grid\nparameters:\n  lr:\n    values: [0.1, 0.2]\n')).toEqual({
      method: 'grid',
      parameters: { lr: { values: [0.1, 0.2] } },
    });
    expect(await parseSweepConfig('{"method": "random"}')).toEqual({ method: 'random' });
  });
  it('gives {} for empty or non-mapping configs', async () => {
    expect(await parseSweepConfig('')).toEqual({});
    expect(await parseSweepConfig('- a\n- b\n')).toEqual({});
  });
  it('reports broken YAML as MalformedResponseError', async () => {
    await expect(parseSweepConfig('a: [1, 2\n')).rejects.toBeInstanceOf(MalformedResponseError);
  });
});
