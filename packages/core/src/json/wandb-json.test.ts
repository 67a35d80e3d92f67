import { describe, expect, it } from 'vitest';
import { BadInputError } from '../errors';
import { parseWandbJson } from './parse-wandb-json';
import { stableStringify } from './stable-stringify';
import { stringifyWandbJson } from './stringify-wandb-json';

describe('parseWandbJson', () => {
  it('parses plain JSON', () => {
    expect(parseWandbJson('{"a":[1,2,{"b":"c"}]}')).toEqual({ a: [1, 2, { b: 'c' }] });
  });

  it('reads NaN, Infinity and -Infinity tokens as numbers', () => {
    const value = parseWandbJson(
      '{"loss": NaN, "best": Infinity, "worst": -Infinity, "list": [NaN, 1]}',
    ) as Record<string, unknown>;
    expect(value.loss).toBeNaN();
    expect(value.best).toBe(Number.POSITIVE_INFINITY);
    expect(value.worst).toBe(Number.NEGATIVE_INFINITY);
    expect((value.list as unknown[])[0]).toBeNaN();
    expect((value.list as unknown[])[1]).toBe(1);
  });

  it('leaves the words alone inside strings, escaped quotes included', () => {
    const value = parseWandbJson('{"s": "NaN and \\"Infinity\\" -Infinity", "x": NaN}') as Record<
      string,
      unknown
    >;
    expect(value.s).toBe('NaN and "Infinity" -Infinity');
    expect(value.x).toBeNaN();
  });

  it('does not turn a string that looks like a marker into a number', () => {
    const value = parseWandbJson('{"s": "wbapi-non-finite-abc:NaN", "x": NaN}') as Record<string, unknown>;
    expect(value.s).toBe('wbapi-non-finite-abc:NaN');
  });

  it('puts every token back at any depth, and reads a bare token as the whole text', () => {
    const rows = Array.from(
      { length: 50 },
      (_, i) =>
        `{"_step":${i},"loss":${i % 7 === 0 ? 'NaN' : i},"m":[${i % 11 === 0 ? '-Infinity' : 0},{"deep":${i % 13 === 0 ? 'Infinity' : '"NaN"'}}]}`,
    );
    const value = parseWandbJson(`{"data":{"sampledHistory":[[${rows.join(',')}]]}}`) as {
      data: { sampledHistory: { _step: number; loss: number; m: [number, { deep: unknown }] }[][] };
    };
    const parsed = value.data.sampledHistory[0] ?? [];
    expect(parsed).toHaveLength(50);
    for (const [i, row] of parsed.entries()) {
      expect(row._step).toBe(i);
      expect(row.loss).toBe(i % 7 === 0 ? Number.NaN : i);
      expect(row.m[0]).toBe(i % 11 === 0 ? Number.NEGATIVE_INFINITY : 0);
      expect(row.m[1].deep).toBe(i % 13 === 0 ? Number.POSITIVE_INFINITY : 'NaN');
    }
    expect(parseWandbJson('NaN')).toBeNaN();
    expect(parseWandbJson(' -Infinity ')).toBe(Number.NEGATIVE_INFINITY);
  });

  it('still rejects invalid JSON', () => {
    expect(() => parseWandbJson('{"a": nan}')).toThrow(SyntaxError);
    expect(() => parseWandbJson('{"a": NaN')).toThrow(SyntaxError);
  });
});

describe('stringifyWandbJson', () => {
  it('writes non-finite numbers as tokens and round-trips', () => {
    const text = stringifyWandbJson({
      a: Number.NaN,
      b: [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY],
      c: 'NaN',
    });
    expect(text).toBe('{"a":NaN,"b":[Infinity,-Infinity],"c":"NaN"}');
    const back = parseWandbJson(text) as { a: number; b: number[]; c: string };
    expect(back.a).toBeNaN();
    expect(back.b).toEqual([Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]);
    expect(back.c).toBe('NaN');
  });

  it('matches JSON.stringify for finite data', () => {
    expect(stringifyWandbJson({ x: 1, y: [true, null] }, 2)).toBe(
      JSON.stringify({ x: 1, y: [true, null] }, null, 2),
    );
  });

  it('refuses values with no JSON form', () => {
    expect(() => stringifyWandbJson(undefined)).toThrow(BadInputError);
  });
});

describe('stableStringify', () => {
  it('gives the same text whatever the key order, at every depth', () => {
    expect(stableStringify({ b: 1, a: { d: 2, c: [3, { f: 1, e: 2 }] } })).toBe(
      stableStringify({ a: { c: [3, { e: 2, f: 1 }], d: 2 }, b: 1 }),
    );
    expect(stableStringify({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });
});
