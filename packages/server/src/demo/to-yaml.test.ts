import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { toYaml } from './to-yaml';

describe('toYaml', () => {
  it('writes YAML that a YAML parser reads back as the same value', () => {
    const value = {
      lr: { value: 0.001, desc: null },
      name: { value: 'resnet 18: "big"', desc: 'a: b' },
      flags: { value: [true, 'no', 'yes', null, 3, 'x'] },
      nested: { value: { list: [{ a: 1, b: [1, 2] }, [], {}], empty: {}, none: [] } },
      numbers: [0, -1.5, 1e-7, 12345678901],
      '1': 'one',
      'key with spaces': 'v',
      tricky: ['true', 'null', '0.5', '', '- x', '#', 'a\nb'],
    };
    expect(parse(toYaml(value))).toEqual(value);
  });

  it('writes non-finite numbers as YAML tokens', () => {
    expect(parse(toYaml({ a: NaN, b: Infinity, c: -Infinity }))).toEqual({
      a: NaN,
      b: Infinity,
      c: -Infinity,
    });
  });
});
