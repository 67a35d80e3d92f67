import { RunDocument, type RunQuery, ViewerDocument, type ViewerQuery } from '@wbapi/gql';
import { describe, expectTypeOf, it } from 'vitest';
import type { Page } from '../pagination';
import { Pager } from '../pagination';
import type { GraphQLClient } from './graphql-client';

declare const client: GraphQLClient;

describe('GraphQLClient types', () => {
  it('resolves with the result type of the document', () => {
    expectTypeOf(client.request(RunDocument, { entity: 'e', project: 'p', name: 'r' })).toEqualTypeOf<
      Promise<RunQuery>
    >();
    expectTypeOf(client.request(ViewerDocument, {})).toEqualTypeOf<Promise<ViewerQuery>>();
  });

  it('checks the variables against the document', () => {
    // @ts-expect-error `name` is required by RunDocument
    void client.request(RunDocument, { entity: 'e', project: 'p' });
    // @ts-expect-error `name` must be a string
    void client.request(RunDocument, { entity: 'e', project: 'p', name: 1 });
  });

  it('needs a limit for toArray and yields typed items', () => {
    const runs = new Pager<{ id: string }>(async (): Promise<Page<{ id: string }>> => ({
      items: [],
      endCursor: null,
      hasNextPage: false,
    }));
    expectTypeOf(runs.toArray({ limit: 1 })).toEqualTypeOf<Promise<Array<{ id: string }>>>();
    // @ts-expect-error limit is required
    void runs.toArray({});
    expectTypeOf(runs).toMatchTypeOf<AsyncIterable<{ id: string }>>();
  });
});
