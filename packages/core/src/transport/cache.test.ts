import type { TypedDocumentString } from '@wbapi/gql';
import { describe, expect, it } from 'vitest';
import { GraphQLClient } from './graphql-client';
import type { ClientOptions } from './options';
import { ResponseCache } from './response-cache';
import { responseCache } from './query-cache';
import { hang, json, scriptedFetch, type RecordedRequest, type Step } from '../../test/support/test-fetch';

const Query = 'query Run($name: String, $project: String) { n }' as TypedDocumentString<
  unknown,
  Record<string, unknown>
>;
const Other = 'query Other { n }' as TypedDocumentString<unknown, Record<string, unknown>>;
const Mutation = 'mutation Upsert { n }' as TypedDocumentString<unknown, Record<string, unknown>>;

/** Answers every request with a fresh counter so that cached and fetched results differ. */
function counting(): Step {
  let n = 0;
  return () => json({ data: { n: ++n } });
}

function setup(options: Partial<ClientOptions> = {}, steps: Step[] = [counting()]) {
  const fetch = scriptedFetch(steps);
  let now = 0;
  const client = new GraphQLClient({
    baseUrl: 'https://api.example.com',
    fetch,
    clock: { now: () => now },
    cache: responseCache(),
    ...options,
  });
  return { client, fetch, advance: (ms: number) => (now += ms) };
}

describe('GraphQLClient cache', () => {
  it('serves identical queries from the cache, whatever the variable key order', async () => {
    const { client, fetch } = setup();
    const first = await client.request(Query, { name: 'r', project: 'p' });
    const second = await client.request(Query, { project: 'p', name: 'r' });
    expect(second).toEqual(first);
    expect(fetch.requests).toHaveLength(1);
  });

  it('misses on other variables or another document', async () => {
    const { client, fetch } = setup();
    await client.request(Query, { name: 'a' });
    await client.request(Query, { name: 'b' });
    await client.request(Other, { name: 'a' });
    expect(fetch.requests).toHaveLength(3);
  });

  it('expires entries after the TTL', async () => {
    const { client, fetch, advance } = setup({ cache: responseCache({ ttlMs: 1000 }) });
    await client.request(Query, {});
    advance(999);
    await client.request(Query, {});
    expect(fetch.requests).toHaveLength(1);
    advance(1);
    expect(await client.request(Query, {})).toEqual({ n: 2 });
  });

  it('evicts the least recently used entry', async () => {
    const { client, fetch } = setup({ cache: responseCache({ maxEntries: 2 }) });
    await client.request(Query, { name: 'a' });
    await client.request(Query, { name: 'b' });
    await client.request(Query, { name: 'a' }); // a is now the most recent
    await client.request(Query, { name: 'c' }); // evicts b
    expect(fetch.requests).toHaveLength(3);
    await client.request(Query, { name: 'a' });
    expect(fetch.requests).toHaveLength(3);
    await client.request(Query, { name: 'b' });
    expect(fetch.requests).toHaveLength(4);
  });

  it('shares one fetch between identical requests in flight', async () => {
    const { client, fetch } = setup();
    const results = await Promise.all([
      client.request(Query, { name: 'x' }),
      client.request(Query, { name: 'x' }),
    ]);
    expect(results[0]).toEqual(results[1]);
    expect(fetch.requests).toHaveLength(1);
  });

  it('keeps the shared fetch alive while one waiter remains, and aborts it when all leave', async () => {
    const { client, fetch } = setup({}, [hang]);
    const a = new AbortController();
    const b = new AbortController();
    const pa = client.request(Query, {}, { signal: a.signal });
    const pb = client.request(Query, {}, { signal: b.signal });
    pa.catch(() => undefined);
    pb.catch(() => undefined);
    while (fetch.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    const request = fetch.requests[0] as RecordedRequest;
    a.abort(new Error('a left'));
    await expect(pa).rejects.toThrow('a left');
    expect(request.signal?.aborted).toBe(false);
    b.abort(new Error('b left'));
    await expect(pb).rejects.toThrow('b left');
    expect(request.signal?.aborted).toBe(true);
  });

  it('flush() empties the cache', async () => {
    const { client, fetch } = setup();
    await client.request(Query, {});
    client.flush();
    expect(await client.request(Query, {})).toEqual({ n: 2 });
    expect(fetch.requests).toHaveLength(2);
  });

  it('never caches mutations, and a mutation empties the cache', async () => {
    const { client, fetch } = setup();
    await client.request(Query, {});
    await client.request(Mutation, {});
    await client.request(Mutation, {});
    expect(fetch.requests).toHaveLength(3);
    expect(await client.request(Query, {})).toEqual({ n: 4 });
  });

  it('does not store a result fetched across a flush', async () => {
    let release: (() => void) | undefined;
    const slow: Step = () =>
      new Promise<Response>((resolve) => {
        release = () => resolve(json({ data: { n: 'old' } }));
      });
    const { client, fetch } = setup({}, [slow, counting()]);
    const pending = client.request(Query, {});
    while (!release) await new Promise((resolve) => setTimeout(resolve, 1));
    client.flush();
    release();
    expect(await pending).toEqual({ n: 'old' });
    expect(await client.request(Query, {})).toEqual({ n: 1 });
    expect(fetch.requests).toHaveLength(2);
  });

  it('is bypassed with cache: false per call or per client', async () => {
    const perCall = setup();
    await perCall.client.request(Query, {});
    await perCall.client.request(Query, {}, { cache: false });
    expect(perCall.fetch.requests).toHaveLength(2);
    const off = setup({ cache: false });
    await off.client.request(Query, {});
    await off.client.request(Query, {});
    expect(off.fetch.requests).toHaveLength(2);
  });

  it('does not cache failures', async () => {
    const { client, fetch } = setup({}, [json({ errors: [{ message: 'x' }] }), counting()]);
    await expect(client.request(Query, {})).rejects.toThrow('x');
    expect(await client.request(Query, {})).toEqual({ n: 1 });
    expect(fetch.requests).toHaveLength(2);
  });
});

describe('ResponseCache', () => {
  it('drops old entries to stay under maxBytes and skips values larger than it', () => {
    const cache = new ResponseCache({ maxEntries: 100, ttlMs: 1000, maxBytes: 10 }, () => 0);
    cache.set('a', 1, 6);
    cache.set('b', 2, 6);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toBe(2);
    cache.set('huge', 3, 11);
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.get('b')).toBe(2);
  });
});
