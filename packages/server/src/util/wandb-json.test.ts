import { describe, expect, it } from 'vitest';
import { parseWandbJson, stringifyWandbJson } from './wandb-json';

describe('W&B JSON', () => {
  it('writes NaN and Infinity as bare tokens, and plain JSON otherwise', () => {
    expect(stringifyWandbJson({ a: NaN, b: [Infinity, -Infinity], c: 'NaN' })).toBe(
      '{"a":NaN,"b":[Infinity,-Infinity],"c":"NaN"}',
    );
    expect(stringifyWandbJson({ a: 1 })).toBe('{"a":1}');
  });

  it('reads bare tokens back as numbers but leaves strings alone', () => {
    const value = parseWandbJson(
      '{"a": NaN, "b": [Infinity, -Infinity], "c": "NaN and Infinity", "d": "x\\"NaN"}',
    ) as Record<string, unknown>;
    expect(value.a).toBeNaN();
    expect(value.b).toEqual([Infinity, -Infinity]);
    expect(value.c).toBe('NaN and Infinity');
    expect(value.d).toBe('x"NaN');
  });

  it('still rejects text that is not JSON', () => {
    expect(() => parseWandbJson('{a: 1}')).toThrow(SyntaxError);
    expect(() => parseWandbJson('{"a": NaNx}')).toThrow(SyntaxError);
  });
});
