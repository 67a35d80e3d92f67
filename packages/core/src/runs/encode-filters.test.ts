import { describe, expect, it } from 'vitest';
import { BadInputError } from '../errors';
import { encodeFilters } from './encode-filters';

describe('encodeFilters', () => {
  it('sends {} without filters and the object as JSON otherwise', () => {
    expect(encodeFilters(undefined)).toBe('{}');
    expect(encodeFilters({ $and: [{ 'config.lr': { $lt: 0.1 } }] })).toBe(
      '{"$and":[{"config.lr":{"$lt":0.1}}]}',
    );
  });
  it('rejects what JSON cannot carry', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    for (const bad of [[1], 'state', cyclic, { a: () => 1 }, { a: new Date(0) }, { a: NaN }, { a: 1n }]) {
      expect(() => encodeFilters(bad)).toThrow(BadInputError);
    }
  });
});
