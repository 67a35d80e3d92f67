import { describe, expectTypeOf, it } from 'vitest';
import type { HistoryPageDocument } from './index';
import {
  RunDocument,
  RunsDocument,
  type HistoryPageQueryVariables,
  type RunQuery,
  type RunQueryVariables,
  type RunsQuery,
  type ResultOf,
  type VariablesOf,
} from './index';

describe('generated documents', () => {
  it('are strings', () => {
    expectTypeOf(RunDocument).toMatchTypeOf<string>();
    expectTypeOf(RunsDocument).toMatchTypeOf<string>();
  });

  it('carry the type of their result', () => {
    expectTypeOf<ResultOf<typeof RunDocument>>().toEqualTypeOf<RunQuery>();
    expectTypeOf<ResultOf<typeof RunsDocument>>().toEqualTypeOf<RunsQuery>();
    expectTypeOf<NonNullable<NonNullable<RunQuery['project']>['run']>['createdAt']>().toEqualTypeOf<string>();
    expectTypeOf<NonNullable<NonNullable<RunQuery['project']>['run']>['displayName']>().toEqualTypeOf<
      string | null
    >();
  });

  it('carry the type of their variables', () => {
    expectTypeOf<VariablesOf<typeof RunDocument>>().toEqualTypeOf<RunQueryVariables>();
    expectTypeOf<RunQueryVariables>().toHaveProperty('entity').toEqualTypeOf<string>();
    expectTypeOf<VariablesOf<typeof HistoryPageDocument>>().toEqualTypeOf<HistoryPageQueryVariables>();
    expectTypeOf<HistoryPageQueryVariables['minStep']>().toEqualTypeOf<number>();
    // a required variable cannot be left out
    expectTypeOf<{ project: string; name: string }>().not.toMatchTypeOf<RunQueryVariables>();
  });
});
