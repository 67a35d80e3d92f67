import { describe, expect, it } from 'vitest';
import { exactObjectText } from './exact-object-text';
import { jsonEqual } from './json-equal';
import { parseWandbJson } from './parse-wandb-json';
import { rawMembers } from './raw-members';

const TEXT =
  '{"lr": 1.0, "big": 12345678901234567890, "loss": NaN, "best": -Infinity, ' +
  '"nested": {"a": [1.50, "x,}]"], "b": {}}, "s": "q\\"}", "e": 1e-7}';

describe('rawMembers', () => {
  it('finds the raw text of every top-level value, strings holding brackets and escapes included', () => {
    expect([...rawMembers(TEXT)]).toEqual([
      ['lr', '1.0'],
      ['big', '12345678901234567890'],
      ['loss', 'NaN'],
      ['best', '-Infinity'],
      ['nested', '{"a": [1.50, "x,}]"], "b": {}}'],
      ['s', '"q\\"}"'],
      ['e', '1e-7'],
    ]);
    expect(rawMembers(' {\n} ').size).toBe(0);
    expect(rawMembers('{"a\\u0062":\t[ ]\n}').get('ab')).toBe('[ ]');
  });

  it('rejects text that is not an object', () => {
    expect(() => rawMembers('[1]')).toThrow(SyntaxError);
    expect(() => rawMembers('{"a": "open')).toThrow(SyntaxError);
  });
});

describe('jsonEqual', () => {
  it('compares JSON values deeply, NaN equal to NaN', () => {
    expect(jsonEqual({ a: [1, NaN, { b: null }] }, { a: [1, NaN, { b: null }] })).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(jsonEqual([1], { 0: 1 })).toBe(false);
    expect(jsonEqual({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
  });
});

describe('exactObjectText', () => {
  it('writes untouched values byte for byte and changed or new ones fresh', () => {
    const values = parseWandbJson(TEXT) as Record<string, unknown>;
    values['lr'] = 0.5;
    (values['nested'] as { b: Record<string, unknown> }).b['c'] = true;
    values['added'] = Number.POSITIVE_INFINITY;
    delete values['s'];
    const text = exactObjectText(values, TEXT);
    expect(text).toBe(
      '{"lr":0.5,"big":12345678901234567890,"loss":NaN,"best":-Infinity,' +
        '"nested":{"a":[1.5,"x,}]"],"b":{"c":true}},"e":1e-7,"added":Infinity}',
    );
  });

  it('writes everything fresh without an original text, or when it is not an object', () => {
    expect(exactObjectText({ a: 1, b: undefined }, null)).toBe('{"a":1}');
    expect(exactObjectText({ a: 1 }, 'not json')).toBe('{"a":1}');
  });

  it('unwraps stored entries to compare, and wraps changed values', () => {
    const stored = '{"lr": {"value": 1.0, "desc": "rate"}, "bs": {"value": 32, "desc": null}}';
    const unwrap = (entry: unknown) => (entry as { value: unknown }).value;
    const wrap = (value: unknown) => ({ value, desc: null });
    expect(exactObjectText({ lr: 1, bs: 64 }, stored, { unwrap, wrap })).toBe(
      '{"lr":{"value": 1.0, "desc": "rate"},"bs":{"value":64,"desc":null}}',
    );
  });
});
