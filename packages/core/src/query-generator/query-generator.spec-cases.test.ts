import { describe, expect, it } from 'vitest';
import { BadInputError } from '../errors';
import { QueryGenerator as QG } from './query-generator';
import type { Filter } from './types';

const summary = (name: string) => ({ section: 'summary' as const, name });

describe('formatOrderKey', () => {
  it.each([
    ['-heartbeatAt', '-summary_metrics.heartbeatAt'],
    ['+', '+summary_metrics.'],
    ['++x', '+summary_metrics.+x'],
    ['Config.lr', '-summary_metrics.Config.lr'],
    ['+updatedAt', null],
    ['sweep', null],
    ['summary_metrics.a.b', '-summary_metrics.a.b'],
  ])('%s → %s', (input, output) => {
    expect(QG.formatOrderKey(input)).toBe(output);
  });
});

describe('keys', () => {
  it('allows empty names and rejects other spellings of a section with the Python repr', () => {
    expect(QG.keyToServerPath({ section: 'config', name: '' })).toBe('config.');
    expect(QG.keyToServerPath({ section: 'run', name: '' })).toBe('');
    const bad = { section: 'Summary', name: "it's", flag: true, n: null } as never;
    expect(() => QG.keyToServerPath(bad)).toThrow(
      new BadInputError(`Invalid key: {'section': 'Summary', 'name': "it's", 'flag': True, 'n': None}`),
    );
  });

  it.each([
    ['config', { section: 'run', name: 'config' }],
    ['summary.loss', { section: 'run', name: 'summary.loss' }],
    ['keys_info.x', { section: 'run', name: 'keys_info.x' }],
    ['config.', { section: 'config', name: '' }],
    ['config.config.x', { section: 'config', name: 'config.x' }],
  ])('serverPathToKey(%s)', (path, key) => {
    expect(QG.serverPathToKey(path)).toEqual(key);
  });
});

describe('order', () => {
  it('uses Python truthiness for ascending', () => {
    const spec = (ascending: unknown) => ({ keys: [{ key: summary('l'), ascending }] }) as never;
    for (const falsy of [undefined, null, false, 0, '', [], {}]) {
      expect(QG.keysToOrder(spec(falsy))).toEqual(['-summary_metrics.l']);
    }
    for (const truthy of ['false', 1, [0], { a: 1 }]) {
      expect(QG.keysToOrder(spec(truthy))).toEqual(['+summary_metrics.l']);
    }
  });

  it('iterates a string argument character by character and rejects empty entries', () => {
    expect(() => QG.orderToKeys('+a')).toThrow('you must sort by ascending(+) or descending(-)');
    expect(QG.orderToKeys('+-')).toEqual({
      keys: [
        { key: { section: 'run', name: '' }, ascending: true },
        { key: { section: 'run', name: '' }, ascending: false },
      ],
    });
    expect(() => QG.orderToKeys([''])).toThrow(BadInputError);
    expect(() => QG.keysToOrder({} as never)).toThrow(BadInputError);
  });
});

describe('filterToMongo', () => {
  const tag = (op: string, value: unknown) =>
    ({ key: { section: 'tags', name: 'best' }, op, value }) as unknown as Filter;

  it('maps every tag filter that is not IN or false to {tags: name}', () => {
    for (const [op, value] of [
      ['NIN', ['x']],
      ['!=', true],
      ['=', null],
      ['=', 0],
    ] as const) {
      expect(QG.filterToMongo(tag(op, value))).toEqual({ tags: 'best' });
    }
    expect(QG.filterToMongo(tag('=', false))).toEqual({ $or: [{ tags: null }, { tags: { $ne: 'best' } }] });
  });

  it('drops filters disabled in Python terms only', () => {
    const f = (disabled: unknown) =>
      ({ key: { section: 'config', name: 'lr' }, op: '=', value: 1, disabled }) as unknown as Filter;
    for (const yes of [true, 'yes', 1]) expect(QG.filterToMongo(f(yes))).toBeNull();
    for (const no of [false, 0, '', [], {}]) expect(QG.filterToMongo(f(no))).toEqual({ 'config.lr': 1 });
  });

  it('keeps != null, treats a node with key and filters as a comparison, and handles empty groups', () => {
    const ne = { key: { section: 'run', name: 'group' }, op: '!=', value: null } as Filter;
    expect(QG.filterToMongo(ne)).toEqual({ group: { $ne: null } });
    const both = { key: summary('a'), op: '<', value: 2, filters: [] } as unknown as Filter;
    expect(QG.filterToMongo(both)).toEqual({ 'summary_metrics.a': { $lt: 2 } });
    expect(QG.filterToMongo({ op: 'AND', filters: [] })).toEqual({ $and: [] });
    expect(QG.filterToMongo({ op: 'AND' } as unknown as Filter)).toBeNull();
  });

  it('rejects unknown group ops, lower-case ops and missing fields', () => {
    expect(() => QG.filterToMongo({ op: 'and', filters: [] } as unknown as Filter)).toThrow("'and'");
    expect(() => QG.filterToMongo({ op: 'NOR', filters: [] } as unknown as Filter)).toThrow("'NOR'");
    expect(() => QG.filterToMongo({ key: summary('a'), op: 'in', value: [1] } as unknown as Filter)).toThrow(
      "'in'",
    );
    expect(() => QG.filterToMongo({ key: summary('a'), op: '=' } as unknown as Filter)).toThrow("'value'");
    expect(() => QG.filterToMongo({ key: { section: 'summary' }, op: '=', value: 1 } as never)).toThrow(
      "'name'",
    );
  });
});

describe('mongoToFilter', () => {
  it('lets a later $and/$or key win over earlier fields and keeps only the first operator', () => {
    expect(QG.mongoToFilter({ state: 'x', $and: [null, { 'config.a': 1 }] })).toEqual({
      op: 'AND',
      filters: [null, { key: { section: 'config', name: 'a' }, op: '=', value: 1 }],
    });
    expect(QG.mongoToFilter({ 'config.lr': { $lte: 0.01, $gt: 0 }, state: 'y' })).toEqual({
      key: { section: 'config', name: 'lr' },
      op: '<=',
      value: 0.01,
    });
  });

  it('treats $nor and lists as plain fields, gives null for {} and rejects empty operator objects', () => {
    expect(QG.mongoToFilter({ $nor: [{ a: 1 }] })).toEqual({
      key: { section: 'run', name: '$nor' },
      op: '=',
      value: [{ a: 1 }],
    });
    expect(QG.mongoToFilter({})).toBeNull();
    expect(() => QG.mongoToFilter({ a: {} })).toThrow(BadInputError);
    expect(() => QG.mongoToFilter({ a: { $eq: 1 } })).toThrow("'$eq'");
  });

  it('round-trips comparisons and turns a false tag into the $or/$ne form', () => {
    const m = {
      $or: [{ $and: [{ 'summary_metrics.acc': { $gte: 0.5 } }, { state: { $nin: ['crashed'] } }] }],
    };
    expect(QG.filterToMongo(QG.mongoToFilter(m) as Filter)).toEqual(m);
    expect(QG.filterToMongo(QG.mongoToFilter({ 'tags.foo': false }) as Filter)).toEqual({
      $or: [{ tags: null }, { tags: { $ne: 'foo' } }],
    });
  });
});

it('exposes the constants on instances and the class', () => {
  expect(new QG().MONGO_TO_INDIVIDUAL_OP).toEqual({
    $ne: '!=',
    $gt: '>',
    $gte: '>=',
    $lt: '<',
    $lte: '<=',
    $in: 'IN',
    $nin: 'NIN',
    $regex: 'REGEX',
  });
  expect(QG.MONGO_TO_GROUP_OP).toEqual({ $and: 'AND', $or: 'OR' });
});
