import { createExecutableSchema } from '@wbapi/server';
import { describe, expect, it } from 'vitest';
import { MalformedResponseError } from '../errors/malformed-response-error';
import { JSON_FIELDS, LIST_FIELDS, checkReplyShape } from './reply-shape';

describe('checkReplyShape', () => {
  it('knows every list-of-scalars field and every JSON field of the schema (schema/wandb.graphql)', () => {
    const lists = new Set<string>();
    const json = new Set<string>();
    const scalars = new Set([
      'String',
      'Int',
      'Float',
      'Boolean',
      'ID',
      'JSON',
      'JSONString',
      'DateTime',
      'Int64',
    ]);
    for (const type of Object.values(createExecutableSchema().getTypeMap())) {
      if (type.name.startsWith('__') || !('getFields' in type) || !('isTypeOf' in type)) continue;
      for (const field of Object.values(type.getFields())) {
        const written = String((field as { type: unknown }).type); // e.g. `[String!]`, `JSON`
        if (!scalars.has(written.replace(/[[\]!]/g, ''))) continue;
        if (written.startsWith('[')) lists.add(field.name);
        else if (written.replace('!', '') === 'JSON') json.add(field.name);
      }
    }
    expect([...LIST_FIELDS].sort()).toEqual([...lists].sort());
    expect([...JSON_FIELDS].sort()).toEqual([...json].sort());
  });

  it('names the operation and the field: missing, an object for a value, a value for a list', () => {
    const document = 'query Run { project { run { name tags historyKeys } } }';
    const reply = (run: Record<string, unknown>) => ({
      project: { run: { name: 'r', tags: [], historyKeys: {}, ...run } },
    });
    const problem = (data: unknown): string | undefined => {
      try {
        checkReplyShape(document, data, 'Run');
        return undefined;
      } catch (error) {
        expect(error).toBeInstanceOf(MalformedResponseError);
        return (error as Error).message;
      }
    };
    expect(problem(reply({}))).toBeUndefined();
    expect(problem(reply({ tags: null, name: null, historyKeys: [1] }))).toBeUndefined();
    expect(problem({ project: { run: { name: 'r', tags: [] } } })).toBe(
      'Malformed reply to Run: project.run.historyKeys is missing',
    );
    expect(problem(reply({ name: { a: 1 } }))).toBe(
      'Malformed reply to Run: project.run.name is an object, not a single value',
    );
    expect(problem(reply({ name: ['r'] }))).toBe(
      'Malformed reply to Run: project.run.name is a list, not a single value',
    );
    expect(problem(reply({ tags: 'a,b' }))).toBe(
      'Malformed reply to Run: project.run.tags is string, not a list',
    );
    expect(problem({ project: { run: 'r' } })).toBe(
      'Malformed reply to Run: project.run is string, not an object',
    );
  });
});
