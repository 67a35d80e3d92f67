import { describe, expect, it } from 'vitest';
import { compileRunFilter } from './compile-filter';
import { FilterError } from './filter-error';
import { filterFixture } from '../../test/support/filter-fixture';

describe.each(['text', 'jsonb'] as const)('with JSON stored as %s', (storage) => {
  const { names } = filterFixture(storage);

  describe('compileRunFilter: documents and equality', () => {
    it('matches everything for null, undefined and {}', () => {
      expect(names(null)).toEqual(['a', 'b', 'c', 'd', 'e']);
      expect(names(undefined)).toEqual(['a', 'b', 'c', 'd', 'e']);
      expect(names({})).toEqual(['a', 'b', 'c', 'd', 'e']);
    });

    it('ANDs the keys of a document and compares columns by value', () => {
      expect(names({ state: 'finished' })).toEqual(['a', 'd']);
      expect(names({ state: 'finished', 'config.batch_size': 32 })).toEqual(['a']);
    });

    it('accepts camelCase and snake_case column names', () => {
      expect(names({ jobType: 'eval' })).toEqual(['e']);
      expect(names({ job_type: 'eval' })).toEqual(['e']);
      expect(names({ sweep: 'sw1' })).toEqual(['c', 'd']);
      expect(names({ sweepName: 'sw1' })).toEqual(['c', 'd']);
      expect(names({ group: 'g1' })).toEqual(['a']);
      expect(names({ display_name: 'display-b' })).toEqual(['b']);
    });

    it('treats a NULL column as missing: {f: null} and $exists', () => {
      expect(names({ displayName: null })).toEqual(['d']);
      expect(names({ group: { $exists: false } })).toEqual(['b', 'c', 'd', 'e']);
      expect(names({ group: { $ne: null } })).toEqual(['a']);
    });

    it('never coerces across types', () => {
      expect(names({ 'config.batch_size': 32 })).toEqual(['a']);
      expect(names({ 'config.batch_size': '32' })).toEqual(['b']);
      expect(names({ state: 1 })).toEqual([]);
      expect(names({ 'config.batch_size': { $gt: 10 } })).toEqual(['a', 'd']);
      expect(names({ 'config.batch_size': { $gt: '1' } })).toEqual(['b']);
    });
  });

  describe('compileRunFilter: config, summary and other JSON fields', () => {
    it('addresses config.K and config.K.value alike, and walks into nested values', () => {
      expect(names({ 'config.lr': 0.01 })).toEqual(['a']);
      expect(names({ 'config.lr.value': 0.01 })).toEqual(['a']);
      expect(names({ 'config.optimizer.name': 'adam' })).toEqual(['a', 'e']);
      expect(names({ 'config.optimizer.value.name': 'sgd' })).toEqual(['c']);
      expect(names({ 'config._wandb.cli_version': '0.21.4' })).toEqual(['a']);
    });

    it('matches arrays by element and as a whole, and objects as a whole', () => {
      expect(names({ 'config.lr': 0.1 })).toEqual(['b', 'e']);
      expect(names({ 'config.optimizer.betas': 0.9 })).toEqual(['a']);
      expect(names({ 'config.optimizer.betas': [0.9, 0.999] })).toEqual(['a']);
      expect(names({ 'config.optimizer': { name: 'sgd' } })).toEqual(['c']);
      expect(names({ 'config.optimizer': {} })).toEqual([]);
      expect(names({ 'summary_metrics.tags': { $gt: 2 } })).toEqual(['e']);
      expect(names({ 'config.lr': { $size: 2 } })).toEqual(['e']);
      expect(names({ 'config.lr': { $all: [0.2, 0.1] } })).toEqual(['e']);
      expect(names({ 'config.optimizer.betas': { $in: [0.8, 0.5] } })).toEqual(['e']);
    });

    it('follows Mongo null semantics: {f: null} matches null and missing', () => {
      expect(names({ 'config.lr': null })).toEqual(['c', 'd']);
      expect(names({ 'config.lr': { $eq: null } })).toEqual(['c', 'd']);
      expect(names({ 'config.lr': { $ne: null } })).toEqual(['a', 'b', 'e']);
      expect(names({ 'config.lr': { $exists: true } })).toEqual(['a', 'b', 'c', 'e']);
      expect(names({ 'config.lr': { $exists: false } })).toEqual(['d']);
    });

    it('lets $ne and $nin match runs missing the field', () => {
      expect(names({ 'summary_metrics.acc': { $ne: 0.8 } })).toEqual(['b', 'c', 'd', 'e']);
      expect(names({ 'config.lr': { $nin: [0.1] } })).toEqual(['a', 'c', 'd']);
    });

    it('never matches missing, null or NaN values with range operators', () => {
      expect(names({ 'summary_metrics.loss': { $gt: 0 } })).toEqual(['a', 'c', 'd']);
      expect(names({ 'summary_metrics.loss': { $lt: 100 } })).toEqual(['a', 'd', 'e']);
      expect(names({ 'summary_metrics.loss': { $gte: 0.2, $lte: 0.5 } })).toEqual(['a', 'd']);
      expect(names({ 'summary.acc': { $gte: 0.8 } })).toEqual(['a', 'b']);
      expect(names({ 'summary_metrics.acc': { $gt: 'a' } })).toEqual(['d']);
      expect(names({ 'config.lr': { $gt: null } })).toEqual([]);
      expect(names({ 'config.lr': { $gte: null } })).toEqual(['c', 'd']);
    });

    it('compares Infinity as a number larger than all others', () => {
      expect(names({ 'summary_metrics.loss': { $gt: 1e300 } })).toEqual(['c']);
      expect(names({ 'summary_metrics.loss': Infinity })).toEqual(['c']);
    });

    it('reads a stored NaN as null (SQLite has no NaN), so no number matches it', () => {
      expect(names({ 'summary_metrics.loss': NaN })).toEqual([]);
      expect(names({ 'summary_metrics.loss': { $exists: true } })).toEqual(['a', 'b', 'c', 'd', 'e']);
    });

    it('compares booleans only with booleans', () => {
      expect(names({ 'summary_metrics.flag': true })).toEqual(['a']);
      expect(names({ 'summary_metrics.flag': false })).toEqual(['b']);
      expect(names({ 'summary_metrics.flag': 1 })).toEqual([]);
      expect(names({ 'summary_metrics.flag': { $ne: true } })).toEqual(['b', 'c', 'd', 'e']);
      expect(names({ 'summary_metrics.flag': { $gt: false } })).toEqual(['a']);
    });

    it('walks nested summary values and reads system metrics and history keys', () => {
      expect(names({ 'summary_metrics.eval.loss': 0.6 })).toEqual(['a']);
      expect(names({ 'system_metrics.system.cpu': { $gt: 10 } })).toEqual(['a']);
      expect(names({ 'keys_info.keys.loss': { $exists: true } })).toEqual(['a']);
      expect(names({ 'keys_info.keys.eval.loss': { $exists: true } })).toEqual(['a']);
      expect(names({ 'keys_info.keys.acc': { $exists: false } })).toEqual(['a', 'b', 'c', 'd', 'e']);
    });
  });

  describe('compileRunFilter: tags', () => {
    it('has Mongo array semantics', () => {
      expect(names({ tags: 'gpu' })).toEqual(['a', 'c']);
      expect(names({ tags: { $in: ['baseline', 'x.y'] } })).toEqual(['a', 'd', 'e']);
      expect(names({ tags: { $ne: 'gpu' } })).toEqual(['b', 'd', 'e']);
      expect(names({ tags: { $nin: ['gpu', 'baseline'] } })).toEqual(['b', 'e']);
      expect(names({ tags: { $all: ['baseline', 'gpu'] } })).toEqual(['a']);
      expect(names({ tags: { $all: [] } })).toEqual([]);
      expect(names({ tags: { $size: 2 } })).toEqual(['a']);
      expect(names({ tags: { $regex: '^x\\.' } })).toEqual(['e']);
      expect(names({ tags: { $contains: 'base' } })).toEqual(['a', 'd']);
    });

    it('treats an empty tag list as no tags', () => {
      expect(names({ tags: null })).toEqual(['b']);
      expect(names({ tags: { $exists: false } })).toEqual(['b']);
      expect(names({ tags: { $size: 0 } })).toEqual(['b']);
    });

    it('reads tags.<tag> as a boolean, as QueryGenerator round trips write it', () => {
      expect(names({ 'tags.gpu': true })).toEqual(['a', 'c']);
      expect(names({ 'tags.gpu': false })).toEqual(['b', 'd', 'e']);
      expect(names({ $or: [{ tags: null }, { tags: { $ne: 'gpu' } }] })).toEqual(['b', 'd', 'e']);
    });
  });

  describe('compileRunFilter: logical operators', () => {
    it('supports $and, $or, $nor and $not', () => {
      expect(names({ $and: [{ tags: 'baseline' }, { state: 'finished' }] })).toEqual(['a', 'd']);
      expect(names({ $or: [{ state: 'running' }, { 'summary_metrics.loss': { $lt: 0 } }] })).toEqual([
        'b',
        'e',
      ]);
      expect(names({ $nor: [{ state: 'finished' }, { tags: 'gpu' }] })).toEqual(['b', 'e']);
      expect(names({ 'summary_metrics.loss': { $not: { $gt: 0.3 } } })).toEqual(['b', 'd', 'e']);
      // $not also matches runs missing the field (e has no acc) and values of another type (d).
      expect(names({ 'summary_metrics.acc': { $not: { $gt: 0.75 } } })).toEqual(['c', 'd', 'e']);
      expect(names({ $nor: [{ 'summary_metrics.acc': { $gt: 0.75 } }] })).toEqual(['c', 'd', 'e']);
    });

    it('skips null entries (disabled report filters) and empty groups', () => {
      expect(names({ $or: [{ $and: [] }] })).toEqual(['a', 'b', 'c', 'd', 'e']);
      expect(names({ $or: [{ $and: [{ jobType: 'train' }, null] }] })).toEqual(['a']);
      expect(names({ $or: [null] })).toEqual(['a', 'b', 'c', 'd', 'e']);
    });

    it('handles $in with nulls and mixed types', () => {
      expect(names({ state: { $in: ['running', 'crashed'] } })).toEqual(['b', 'c']);
      expect(names({ 'config.lr': { $in: [0.01, null] } })).toEqual(['a', 'c', 'd']);
      expect(names({ 'config.batch_size': { $in: ['32', 64] } })).toEqual(['b', 'd']);
      expect(names({ state: { $nin: ['finished'] } })).toEqual(['b', 'c', 'e']);
      expect(names({ name: { $in: [] } })).toEqual([]);
    });
  });

  describe('compileRunFilter: strings, dates and derived fields', () => {
    it('supports $regex with $options and RE2 inline flags', () => {
      expect(names({ displayName: { $regex: '^display-[ab]$' } })).toEqual(['a', 'b']);
      expect(names({ displayName: { $regex: 'DISPLAY-C', $options: 'i' } })).toEqual(['c']);
      expect(names({ display_name: { $regex: '(?i)^DISPLAY-E' } })).toEqual(['e']);
      expect(names({ 'summary_metrics.loss': { $regex: '.' } })).toEqual([]);
    });

    it('supports $contains on strings', () => {
      expect(names({ host: { $contains: '1' } })).toEqual(['a']);
    });

    it('normalises ISO dates before comparing created_at', () => {
      expect(names({ createdAt: { $gte: '2024-01-04T00:00:00Z' } })).toEqual(['d', 'e']);
      expect(names({ created_at: { $lt: '2024-01-02' } })).toEqual(['a']);
      expect(names({ createdAt: '2024-01-03T02:00:00+02:00' })).toEqual(['c']);
    });

    it('derives duration from created_at and heartbeat_at', () => {
      expect(names({ duration: { $gte: 3600 } })).toEqual(['a']);
      expect(names({ duration: { $exists: false } })).toEqual(['b', 'c', 'd', 'e']);
    });

    it('knows the entity and project of a run', () => {
      expect(names({ entity: 'demo' })).toEqual(['a', 'b', 'c', 'd', 'e']);
      expect(names({ project: 'other' })).toEqual([]);
    });
  });

  describe('compileRunFilter: bad input', () => {
    const error = (filter: unknown): string => {
      try {
        compileRunFilter(filter);
      } catch (e) {
        expect(e).toBeInstanceOf(FilterError);
        return (e as Error).message;
      }
      throw new Error('expected a FilterError');
    };

    it('rejects non-object filters', () => {
      expect(error('state')).toMatch(/object/);
      expect(error([])).toMatch(/object/);
      expect(error(5)).toMatch(/object/);
    });

    it('names the operator or field at fault', () => {
      expect(error({ $and: {} })).toMatch(/\$and needs an array/);
      expect(error({ $or: [5] })).toMatch(/\$or must be an object/);
      expect(error({ state: { $in: 'x' } })).toMatch(/\$in on field "state" needs an array/);
      expect(error({ state: { $foo: 1 } })).toMatch(/"\$foo" on field "state"/);
      expect(error({ bogus: 1 })).toMatch(/Unknown field "bogus"/);
      expect(error({ $where: 'x' })).toMatch(/"\$where"/);
      expect(error({ 'config.lr': { $gt: [1] } })).toMatch(/\$gt on field "config.lr"/);
      expect(error({ name: { $regex: '(' } })).toMatch(/\$regex on field "name"/);
      expect(error({ name: { $regex: 5 } })).toMatch(/\$regex on field "name" needs a string/);
      expect(error({ name: { $options: 'i' } })).toMatch(/\$options .* needs \$regex/);
      expect(error({ name: { $regex: 'a', $options: 'g' } })).toMatch(/\$options/);
      expect(error({ name: { $eq: 'a', plain: 1 } })).toMatch(/"plain"/);
      expect(error({ name: { $exists: 'yes' } })).toMatch(/\$exists/);
      expect(error({ tags: { $size: -1 } })).toMatch(/\$size/);
      expect(error({ name: { $not: 'a' } })).toMatch(/\$not/);
      expect(error({ 'summary_metrics.': 1 })).toMatch(/summary_metrics/);
      expect(error({ 'config.a..b': 1 })).toMatch(/empty segment/);
    });

    it('binds values and keys as parameters, never as SQL text', () => {
      const hostile = "x' OR 1=1 --";
      const compiled = compileRunFilter({ state: hostile, [`config.${hostile}`]: hostile });
      expect(compiled.sql).not.toContain(hostile);
      expect(names({ state: hostile })).toEqual([]);
      expect(names({ [`summary_metrics.${hostile}`]: { $exists: false } })).toEqual([
        'a',
        'b',
        'c',
        'd',
        'e',
      ]);
    });
  });
});
