import type { TypedDocumentString } from '@wbapi/gql';
import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  GraphQLError,
  HttpError,
  MalformedResponseError,
  NetworkError,
  NotFoundError,
  RateLimitError,
  TimeoutError,
} from '../errors';
import { VERSION } from '../version';
import { GraphQLClient } from './graphql-client';
import type { ClientOptions } from './options';
import { hang, json, scriptedFetch, type RecordedRequest, type Step } from '../../test/support/test-fetch';

const API_KEY = 'secret-key-0123456789abcdefghijklmnopqrstuvwxyz';
const Query = 'query Viewer($x: Int) { viewer { id } }' as TypedDocumentString<
  { viewer: { id: string } },
  { x?: number }
>;
const Mutation = 'mutation Upsert { upsertBucket { bucket { id } } }' as TypedDocumentString<
  unknown,
  Record<string, never>
>;

const Delete =
  'mutation DeleteRun($id: ID!) { deleteRun(input: { id: $id }) { clientMutationId } }' as TypedDocumentString<
    unknown,
    Record<string, never>
  >;

/** A client with no real waits: sleeps are recorded, not slept. */
function setup(steps: Step[], options: Partial<ClientOptions> = {}) {
  const fetch = scriptedFetch(steps);
  const sleeps: number[] = [];
  let now = Date.now();
  const events: Array<[string, unknown]> = [];
  const client = new GraphQLClient({
    baseUrl: 'https://api.example.com/',
    apiKey: API_KEY,
    fetch,
    cache: false,
    clock: {
      now: () => now,
      random: () => 0,
      sleep: async (ms, signal) => {
        if (signal?.aborted) throw signal.reason;
        sleeps.push(ms);
        now += ms;
      },
    },
    hooks: {
      request: (e) => events.push(['request', e]),
      response: (e) => events.push(['response', e]),
      retry: (e) => events.push(['retry', e]),
      error: (e) => events.push(['error', e]),
    },
    ...options,
  });
  return { client, fetch, sleeps, events, advance: (ms: number) => (now += ms) };
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('GraphQLClient.request', () => {
  it('POSTs {query, variables} to /graphql with W&B headers and Basic auth', async () => {
    const { client, fetch } = setup([json({ data: { viewer: { id: 'u1' } } })]);
    expect(await client.request(Query, { x: 1 })).toEqual({ viewer: { id: 'u1' } });
    const [request] = fetch.requests;
    expect(request?.url).toBe('https://api.example.com/graphql');
    expect(request?.method).toBe('POST');
    expect(JSON.parse(request?.body ?? '')).toEqual({ query: Query, variables: { x: 1 } });
    expect(request?.headers.get('authorization')).toBe(`Basic ${btoa(`api:${API_KEY}`)}`);
    expect(request?.headers.get('content-type')).toBe('application/json');
    expect(request?.headers.get('use-admin-privileges')).toBe('true');
    expect(request?.headers.get('user-agent')).toMatch(/^W&B Public Client \d+\.\d+\.\d+ \(wbapi\//);
    expect(request?.headers.get('user-agent')).toContain(VERSION);
    expect(client.baseUrl).toBe('https://api.example.com');
  });

  it('lets callers set the User-Agent and extra headers, per client and per call', async () => {
    const { client, fetch } = setup([json({ data: { viewer: null } })], {
      userAgent: 'W&B Public Client 0.21.4',
      headers: { 'X-A': '1' },
    });
    await client.request(Query, {}, { headers: { 'X-B': '2' } });
    const headers = fetch.requests[0]?.headers;
    expect(headers?.get('user-agent')).toBe('W&B Public Client 0.21.4');
    expect(headers?.get('x-a')).toBe('1');
    expect(headers?.get('x-b')).toBe('2');
  });

  it('calls fetch without a receiver, as browsers require', async () => {
    const receivers: unknown[] = [];
    const fetch = function (this: unknown) {
      receivers.push(this);
      return Promise.resolve(json({ data: { viewer: { id: 'ok' } } }));
    } as unknown as typeof globalThis.fetch;
    const client = new GraphQLClient({ baseUrl: 'https://x', fetch, cache: false });
    await client.request(Query, {});
    await client.fetchFile('https://x/f');
    expect(receivers).toEqual([undefined, undefined]);
  });

  it('sends no Authorization header without a key', async () => {
    const { client, fetch } = setup([json({ data: { viewer: null } })], { apiKey: undefined });
    await client.request(Query, {});
    expect(fetch.requests[0]?.headers.has('authorization')).toBe(false);
  });

  it('throws GraphQLError for errors in a 200, with partial data, and does not retry it', async () => {
    const { client, fetch } = setup([
      json({ errors: [{ message: 'a' }, { message: 'b' }], data: { viewer: null } }),
    ]);
    const error = (await failure(client.request(Query, {}))) as GraphQLError;
    expect(error).toBeInstanceOf(GraphQLError);
    expect(error.message).toBe('a; b');
    expect(error.status).toBe(200);
    expect(error.data).toEqual({ viewer: null });
    expect(fetch.requests).toHaveLength(1);
  });

  it('reads NaN and Infinity in replies', async () => {
    const { client } = setup([new Response('{"data": {"viewer": {"id": NaN, "w": -Infinity}}}')]);
    const data = (await client.request(Query, {})).viewer as unknown as { id: number; w: number };
    expect(data.id).toBeNaN();
    expect(data.w).toBe(Number.NEGATIVE_INFINITY);
  });

  it('throws MalformedResponseError for a 200 that is not JSON or has neither data nor errors', async () => {
    expect(await failure(setup([new Response('<html>hi</html>')]).client.request(Query, {}))).toBeInstanceOf(
      MalformedResponseError,
    );
    expect(await failure(setup([json({ hello: 1 })]).client.request(Query, {}))).toBeInstanceOf(
      MalformedResponseError,
    );
  });

  it.each([
    [401, AuthenticationError],
    [403, AuthenticationError],
    [404, NotFoundError],
    [400, GraphQLError],
  ])('reads a %i body first and does not retry it', async (status, type) => {
    const { client, fetch } = setup([json({ errors: [{ message: 'nope' }] }, status)]);
    const error = await failure(client.request(Query, {}));
    expect(error).toBeInstanceOf(type);
    expect((error as Error).message).toBe('nope');
    expect(fetch.requests).toHaveLength(1);
  });

  it.each([400, 401, 403, 404, 409, 410, 413, 422, 501])('never retries HTTP %i', async (status) => {
    const { client, fetch } = setup([new Response('', { status }), json({ data: { viewer: null } })]);
    expect(await failure(client.request(Query, {}))).toBeInstanceOf(HttpError);
    expect(fetch.requests).toHaveLength(1);
  });

  it.each([408, 429, 500, 502, 503, 504])(
    'retries HTTP %i with growing delays, then succeeds',
    async (status) => {
      const { client, fetch, sleeps } = setup(
        [
          new Response('', { status }),
          new Response('', { status }),
          json({ data: { viewer: { id: 'ok' } } }),
        ],
        { retry: { baseDelayMs: 10, jitter: 0.25 } },
      );
      expect(await client.request(Query, {})).toEqual({ viewer: { id: 'ok' } });
      expect(fetch.requests).toHaveLength(3);
      expect(sleeps).toEqual([10, 20]);
    },
  );

  it('retries network errors, including a reset while reading the body', async () => {
    const broken = new Response(
      new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"data":'));
          controller.error(new TypeError('socket hang up'));
        },
      }),
    );
    const { client, fetch } = setup(
      [new TypeError('fetch failed'), () => broken, json({ data: { viewer: { id: 'ok' } } })],
      {
        retry: { baseDelayMs: 1 },
      },
    );
    expect(await client.request(Query, {})).toEqual({ viewer: { id: 'ok' } });
    expect(fetch.requests).toHaveLength(3);
  });

  it('wraps a network error that outlasts the retries in NetworkError', async () => {
    const { client } = setup([new TypeError('fetch failed')], { retry: { maxRetries: 2, baseDelayMs: 1 } });
    const error = await failure(client.request(Query, {}));
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).cause).toBeInstanceOf(TypeError);
  });

  it('honours Retry-After in seconds and as an HTTP date, waiting past the budget up to maxRetryAfterMs', async () => {
    const date = new Date(Date.now() + 20_000).toUTCString();
    const { client, sleeps } = setup([
      new Response('', { status: 429, headers: { 'Retry-After': '3' } }),
      new Response('', { status: 503, headers: { 'Retry-After': date } }),
      new Response('', { status: 429, headers: { 'Retry-After': '45' } }),
      json({ data: { viewer: null } }),
    ]);
    await client.request(Query, {});
    expect(sleeps[0]).toBe(3000);
    // 20 s from the start, of which 3 s were already waited (the date has whole seconds).
    expect(sleeps[1]).toBeGreaterThan(15_000);
    expect(sleeps[1]).toBeLessThanOrEqual(17_000);
    // Past the default 20 s budget, within the default 60 s cap: waited out.
    expect(sleeps[2]).toBe(45_000);
  });

  it('gives up at once with a RateLimitError naming the wait when Retry-After is past the cap', async () => {
    const { client, fetch, sleeps, events } = setup([
      new Response('', { status: 429, headers: { 'Retry-After': '120' } }),
      json({ data: { viewer: null } }),
    ]);
    const error = (await failure(client.request(Query, {}))) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfterMs).toBe(120_000);
    expect(error.message).toContain('wait 120 s');
    expect(error.message).toContain('retry.maxRetryAfterMs (60 s)');
    expect(sleeps).toEqual([]);
    expect(fetch.requests).toHaveLength(1);
    expect(events.find(([name]) => name === 'error')?.[1]).toMatchObject({ error });

    const raised = setup(
      [
        new Response('', { status: 429, headers: { 'Retry-After': '120' } }),
        json({ data: { viewer: { id: 'ok' } } }),
      ],
      { retry: { maxRetryAfterMs: 300_000 } },
    );
    expect(await raised.client.request(Query, {})).toEqual({ viewer: { id: 'ok' } });
    expect(raised.sleeps).toEqual([120_000]);
  });

  it('throws the last error once retries are spent; RateLimitError keeps retryAfterMs', async () => {
    const { client, fetch, sleeps } = setup(
      [new Response('', { status: 429, headers: { 'Retry-After': '4' } })],
      { retry: { maxRetries: 2 } },
    );
    const error = (await failure(client.request(Query, {}))) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfterMs).toBe(4000);
    expect(sleeps).toEqual([4000, 4000]);
    expect(fetch.requests).toHaveLength(3);
  });

  it('shortens backoff waits to fit the budget, then throws the last error', async () => {
    const { client, fetch, sleeps, events } = setup([new Response('', { status: 503 })], {
      retry: { baseDelayMs: 1000, budgetMs: 2500 },
    });
    const error = (await failure(client.request(Query, {}))) as HttpError;
    expect(error.status).toBe(503);
    expect(sleeps).toEqual([1000, 1500]);
    expect(fetch.requests).toHaveLength(3);
    expect(events.filter(([name]) => name === 'error')).toHaveLength(1);
  });

  it('stops after maxRetries', async () => {
    const { client, fetch } = setup([new Response('', { status: 500 })], {
      retry: { maxRetries: 3, baseDelayMs: 1 },
    });
    await failure(client.request(Query, {}));
    expect(fetch.requests).toHaveLength(4);
  });

  it('retries upsertBucket mutations like queries, other mutations only when asked', async () => {
    const upsert = setup(
      [
        new Response('', { status: 503 }),
        new TypeError('reset'),
        json({ data: { upsertBucket: { bucket: { id: 'up' } } } }),
      ],
      {
        retry: { baseDelayMs: 1 },
      },
    );
    expect(await upsert.client.request(Mutation, {})).toEqual({ upsertBucket: { bucket: { id: 'up' } } });
    expect(upsert.fetch.requests).toHaveLength(3);
    const noRetry = setup([new Response('', { status: 503 }), json({ data: { viewer: null } })]);
    await failure(noRetry.client.request(Mutation, {}, { retry: false }));
    expect(noRetry.fetch.requests).toHaveLength(1);

    const first = setup([new Response('', { status: 503 }), json({ data: { viewer: null } })]);
    expect(await failure(first.client.request(Delete, {}))).toBeInstanceOf(HttpError);
    expect(first.fetch.requests).toHaveLength(1);

    const perCall = setup(
      [new Response('', { status: 503 }), json({ data: { deleteRun: { clientMutationId: '1' } } })],
      {
        retry: { baseDelayMs: 1 },
      },
    );
    expect(await perCall.client.request(Delete, {}, { retry: true })).toEqual({
      deleteRun: { clientMutationId: '1' },
    });

    const perClient = setup(
      [new Response('', { status: 503 }), json({ data: { deleteRun: { clientMutationId: '2' } } })],
      {
        retry: { baseDelayMs: 1, retryMutations: true },
      },
    );
    expect(await perClient.client.request(Delete, {})).toEqual({ deleteRun: { clientMutationId: '2' } });
  });

  it('does not retry when retry is false for the call', async () => {
    const { client, fetch } = setup([new Response('', { status: 503 }), json({ data: { viewer: null } })]);
    await failure(client.request(Query, {}, { retry: false }));
    expect(fetch.requests).toHaveLength(1);
  });

  it('times out a slow attempt with TimeoutError and retries it', async () => {
    const { client, fetch } = setup([hang, json({ data: { viewer: { id: 'late' } } })], {
      timeoutMs: 20,
      retry: { baseDelayMs: 1 },
    });
    expect(await client.request(Query, {})).toEqual({ viewer: { id: 'late' } });
    expect(fetch.requests).toHaveLength(2);
    const only = setup([hang], { timeoutMs: 20 });
    const error = await failure(only.client.request(Query, {}, { retry: false }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).timeoutMs).toBe(20);
  });

  it('times out an attempt whose body stalls after the headers', async () => {
    const stalled = (request: RecordedRequest): Response =>
      new Response(
        new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"data":'));
            request.signal?.addEventListener('abort', () => controller.error(request.signal?.reason));
          },
        }),
      );
    const { client } = setup([stalled], { timeoutMs: 20 });
    expect(await failure(client.request(Query, {}, { retry: false }))).toBeInstanceOf(TimeoutError);
  });

  it('lets a body that keeps streaming run past the timeout: the timeout is a gap between reads', async () => {
    const chunks = ['{"data":', '{"viewer":', '{"id":', '"1', '2', '3', '4', '5', '6', '7"', '}}}'];
    const trickle = (): Response => {
      let index = 0;
      return new Response(
        new ReadableStream({
          async pull(controller) {
            await new Promise((resolve) => setTimeout(resolve, 40));
            const chunk = chunks[index++];
            if (chunk === undefined) controller.close();
            else controller.enqueue(new TextEncoder().encode(chunk));
          },
        }),
      );
    };
    const { client } = setup([trickle], { timeoutMs: 200 });
    const started = Date.now();
    expect(await client.request(Query, {}, { retry: false })).toEqual({ viewer: { id: '1234567' } });
    // The whole body took longer than one timeout: a whole-body deadline would have failed.
    expect(Date.now() - started).toBeGreaterThan(200);
  });

  it('retries a 503 whose body holds GraphQL errors, but not a 200 with errors', async () => {
    const { client, fetch } = setup(
      [json({ errors: [{ message: 'busy' }] }, 503), json({ data: { viewer: { id: 'ok' } } })],
      {
        retry: { baseDelayMs: 1 },
      },
    );
    expect(await client.request(Query, {})).toEqual({ viewer: { id: 'ok' } });
    expect(fetch.requests).toHaveLength(2);
  });

  it('rejects with the signal reason when aborted during fetch', async () => {
    const { client, fetch } = setup([hang]);
    const controller = new AbortController();
    const pending = client.request(Query, {}, { signal: controller.signal });
    await Promise.resolve();
    controller.abort(new Error('user stop'));
    expect(((await failure(pending)) as Error).message).toBe('user stop');
    expect(fetch.requests).toHaveLength(1);
  });

  it('rejects at once when aborted during a backoff wait (real sleep)', async () => {
    const fetch = scriptedFetch([new Response('', { status: 503 })]);
    const client = new GraphQLClient({
      baseUrl: 'https://x',
      fetch,
      cache: false,
      retry: { baseDelayMs: 60_000, maxDelayMs: 60_000, budgetMs: 120_000 },
    });
    const controller = new AbortController();
    const pending = client.request(Query, {}, { signal: controller.signal });
    while (fetch.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    const error = await failure(pending);
    expect((error as DOMException).name).toBe('AbortError');
    expect(fetch.requests).toHaveLength(1);
  });

  it('rejects without fetching when the signal is already aborted', async () => {
    const { client, fetch } = setup([json({ data: { viewer: null } })]);
    await failure(client.request(Query, {}, { signal: AbortSignal.abort() }));
    expect(fetch.requests).toHaveLength(0);
  });

  it('emits request, response, retry and error events without the key', async () => {
    const { client, events } = setup([new Response(`bad ${API_KEY}`, { status: 500 })], {
      retry: { maxRetries: 1, baseDelayMs: 5 },
    });
    const error = await failure(client.request(Query, { x: 42 }));
    expect(events.map(([name]) => name)).toEqual([
      'request',
      'response',
      'retry',
      'request',
      'response',
      'error',
    ]);
    expect(events[0]?.[1]).toEqual({ operationName: 'Viewer', kind: 'query', attempt: 1 });
    expect(events[2]?.[1]).toMatchObject({ operationName: 'Viewer', attempt: 1, delayMs: 5 });
    expect(events[1]?.[1]).toMatchObject({ status: 500 });
    const everything = JSON.stringify(events, (_k, v: unknown) =>
      v instanceof Error ? { ...v, message: v.message, name: v.name } : v,
    );
    expect(everything).not.toContain(API_KEY);
    expect(everything).not.toContain('42');
    expect((error as Error).message).not.toContain(API_KEY);
    expect(JSON.stringify({ ...(error as object) })).not.toContain(API_KEY);
    expect(JSON.stringify({ ...(error as object) })).not.toContain(btoa(`api:${API_KEY}`));
  });

  it('keeps working when a hook throws, and feeds a logger', async () => {
    const lines: string[] = [];
    const { client } = setup([json({ data: { viewer: { id: 'ok' } } })], {
      hooks: {
        request: () => {
          throw new Error('hook bug');
        },
      },
      logger: { debug: (message) => lines.push(message) },
    });
    expect(await client.request(Query, {})).toEqual({ viewer: { id: 'ok' } });
    expect(lines).toEqual(['wbapi request Viewer #1', 'wbapi response Viewer 200']);
  });
});
