import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { NetworkError } from '../errors/network-error';
import { GraphQLClient } from './graphql-client';
import type { RetryEvent } from './hooks';
import { networkFailure } from './network-failure';

/** A loopback port nothing listens on: bound by the OS, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('network failures', () => {
  it('name the URL and the root cause in one line, and give up on a refused loopback port after 2 retries', async () => {
    const port = await closedPort();
    const retries: RetryEvent[] = [];
    const client = new GraphQLClient({
      baseUrl: `http://127.0.0.1:${port}`,
      fetch: (input, init) => fetch(input, init),
      hooks: { retry: (event) => retries.push(event) },
      clock: { sleep: () => Promise.resolve() },
    });
    const error = await client.request('query Viewer { viewer { id } }', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).message).toBe(
      `Network error during Viewer (http://127.0.0.1:${port}/graphql): connect ECONNREFUSED 127.0.0.1:${port}`,
    );
    expect((error as NetworkError).code).toBe('ECONNREFUSED');
    expect(retries.map((event) => event.attempt)).toEqual([1, 2]);
  });

  it('fail at once on a port that fetch blocks (port 9), saying so', async () => {
    const retries: RetryEvent[] = [];
    const client = new GraphQLClient({
      baseUrl: 'http://127.0.0.1:9',
      fetch: (input, init) => fetch(input, init),
      hooks: { retry: (event) => retries.push(event) },
      clock: { sleep: () => Promise.resolve() },
    });
    const error = await client.request('query Viewer { viewer { id } }', {}).catch((e: unknown) => e);
    expect((error as NetworkError).message).toBe(
      'Network error during Viewer (http://127.0.0.1:9/graphql): bad port (fetch never connects to this port: use another one)',
    );
    expect((error as NetworkError).code).toBe('BAD_PORT');
    expect(retries).toHaveLength(0);
  });

  it('keep the whole retry budget for a refused connection to another host', () => {
    const error = networkFailure(
      new TypeError('fetch failed', {
        cause: Object.assign(new Error('connect ECONNREFUSED 10.1.2.3:443'), { code: 'ECONNREFUSED' }),
      }),
      'Runs',
      'https://user:secret@api.example.test/graphql?x=1',
    );
    expect(error.message).toBe(
      'Network error during Runs (https://api.example.test/graphql): connect ECONNREFUSED 10.1.2.3:443',
    );
    expect(error.url).toBe('https://api.example.test/graphql');
  });

  it('read the first error of an AggregateError (localhost tried on ::1 and 127.0.0.1)', () => {
    const refused = (address: string) =>
      Object.assign(new Error(`connect ECONNREFUSED ${address}`), { code: 'ECONNREFUSED' });
    const aggregate = Object.assign(new AggregateError([refused('::1:9'), refused('127.0.0.1:9')], ''), {
      code: 'ECONNREFUSED',
    });
    const error = networkFailure(
      new TypeError('fetch failed', { cause: aggregate }),
      'Runs',
      'http://localhost:9/graphql',
    );
    expect(error.message).toBe(
      'Network error during Runs (http://localhost:9/graphql): connect ECONNREFUSED ::1:9',
    );
    expect(error.code).toBe('ECONNREFUSED');
  });
});
