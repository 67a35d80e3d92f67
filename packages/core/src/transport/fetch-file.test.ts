import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { HttpError, NotFoundError } from '../errors';
import { describeFileResponse } from './fetch-file';
import { GraphQLClient } from './graphql-client';
import { scriptedFetch, type Step } from '../../test/support/test-fetch';

const API_KEY = 'file-key-0123456789abcdefghijklmnopqrstuvwxyz';

function setup(steps: Step[]) {
  const fetch = scriptedFetch(steps);
  const client = new GraphQLClient({
    baseUrl: 'https://api.example.com',
    apiKey: API_KEY,
    fetch,
    retry: { baseDelayMs: 1 },
    clock: { sleep: async () => undefined },
  });
  return { client, fetch };
}

describe('GraphQLClient.fetchFile', () => {
  it('GETs same-origin files with Basic auth and no Range from offset 0', async () => {
    const { client, fetch } = setup([new Response('hello')]);
    const response = await client.fetchFile('https://api.example.com/files/e/p/r/a.txt');
    expect(await response.text()).toBe('hello');
    const request = fetch.requests[0];
    expect(request?.method).toBe('GET');
    expect(request?.headers.get('authorization')).toBe(`Basic ${btoa(`api:${API_KEY}`)}`);
    expect(request?.headers.has('range')).toBe(false);
    expect(request?.redirect).toBe('manual');
  });

  it('sends Range from an offset and reads Content-Range', async () => {
    const { client, fetch } = setup([
      new Response('lo', { status: 206, headers: { 'Content-Range': 'bytes 3-4/5' } }),
    ]);
    const response = await client.fetchFile('https://api.example.com/f', { offset: 3 });
    expect(fetch.requests[0]?.headers.get('range')).toBe('bytes=3-');
    expect(describeFileResponse(response, 3)).toEqual({ offset: 3, totalBytes: 5, rangeIgnored: false });
  });

  it('reports a server that ignored the range', async () => {
    const { client } = setup([new Response('hello', { headers: { 'Content-Length': '5' } })]);
    const response = await client.fetchFile('https://api.example.com/f', { offset: 3 });
    expect(describeFileResponse(response, 3)).toEqual({ offset: 0, totalBytes: 5, rangeIgnored: true });
  });

  it('never sends credentials or custom headers to another origin (other host, scheme or port)', async () => {
    for (const url of [
      'https://storage.example.net/f',
      'http://api.example.com/f',
      'https://api.example.com:8443/f',
    ]) {
      const { client, fetch } = setup([new Response('x')]);
      await client.fetchFile(url, { headers: { 'X-Secret': 's' } });
      expect([...(fetch.requests[0]?.headers.keys() ?? [])]).toEqual(['user-agent']);
    }
  });

  it('follows redirects by hand, dropping credentials off-origin and keeping Range', async () => {
    const { client, fetch } = setup([
      new Response(null, { status: 302, headers: { Location: '/files/moved' } }),
      new Response(null, { status: 307, headers: { Location: 'https://bucket.example.org/signed?sig=1' } }),
      new Response('data', { status: 206, headers: { 'Content-Range': 'bytes 2-5/6' } }),
    ]);
    const response = await client.fetchFile('https://api.example.com/files/f', { offset: 2 });
    expect(await response.text()).toBe('data');
    expect(fetch.requests.map((r) => r.url)).toEqual([
      'https://api.example.com/files/f',
      'https://api.example.com/files/moved',
      'https://bucket.example.org/signed?sig=1',
    ]);
    expect(fetch.requests.map((r) => r.headers.has('authorization'))).toEqual([true, true, false]);
    expect(fetch.requests.map((r) => r.headers.has('use-admin-privileges'))).toEqual([true, true, false]);
    expect(fetch.requests.every((r) => r.headers.get('range') === 'bytes=2-')).toBe(true);
  });

  it('retries 503 and network errors like queries, reporting them as file events', async () => {
    const events: string[] = [];
    const fetch = scriptedFetch([
      new Response('', { status: 503 }),
      new TypeError('reset'),
      new Response('ok'),
    ]);
    const client = new GraphQLClient({
      baseUrl: 'https://api.example.com',
      apiKey: API_KEY,
      fetch,
      retry: { baseDelayMs: 1 },
      hooks: {
        request: (e) => events.push(`${e.kind} ${e.operationName} request ${e.attempt}`),
        retry: (e) => events.push(`${e.kind} retry ${(e.error as Error).name}`),
      },
    });
    expect(await (await client.fetchFile('https://api.example.com/f')).text()).toBe('ok');
    expect(fetch.requests).toHaveLength(3);
    expect(events).toEqual([
      'file fetchFile request 1',
      'file retry HttpError',
      'file fetchFile request 2',
      'file retry NetworkError',
      'file fetchFile request 3',
    ]);
  });

  it('throws NotFoundError on 404 and HttpError on 416 without retrying, keeping the URL without its query', async () => {
    const missing = setup([new Response('no such file', { status: 404 })]);
    const error = await missing.client
      .fetchFile('https://api.example.com/f?token=abc')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).url).toBe('https://api.example.com/f');
    expect(missing.fetch.requests).toHaveLength(1);
    const range = setup([new Response('', { status: 416 })]);
    await expect(range.client.fetchFile('https://api.example.com/f', { offset: 10 })).rejects.toBeInstanceOf(
      HttpError,
    );
    expect(range.fetch.requests).toHaveLength(1);
  });

  it('does not cut a streamed body off at the attempt timeout', async () => {
    const fetch = scriptedFetch([() => new Response('slow body')]);
    const client = new GraphQLClient({ baseUrl: 'https://api.example.com', fetch, timeoutMs: 5 });
    const response = await client.fetchFile('https://api.example.com/f');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fetch.requests[0]?.signal?.aborted).toBe(false);
    expect(await response.text()).toBe('slow body');
  });

  it('unlinks from the caller signal once the body is read, so one signal serves many downloads', async () => {
    const fetch = scriptedFetch([() => new Response('abc')]);
    const client = new GraphQLClient({ baseUrl: 'https://api.example.com', fetch });
    const controller = new AbortController();
    const response = await client.fetchFile('https://api.example.com/f', { signal: controller.signal });
    expect(getEventListeners(controller.signal, 'abort').length).toBeGreaterThan(0);
    expect(await response.text()).toBe('abc');
    expect(response.status).toBe(200);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    const cancelled = await client.fetchFile('https://api.example.com/f', { signal: controller.signal });
    await cancelled.body?.cancel();
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('lets the caller abort after headers', async () => {
    const fetch = scriptedFetch([() => new Response('x')]);
    const client = new GraphQLClient({ baseUrl: 'https://api.example.com', fetch });
    const controller = new AbortController();
    await client.fetchFile('https://api.example.com/f', { signal: controller.signal });
    controller.abort();
    expect(fetch.requests[0]?.signal?.aborted).toBe(true);
  });
});
