import { describe, expect, it } from 'vitest';
import {
  Api,
  BadInputError,
  MAX_FILTER_DEPTH,
  MAX_FILTER_VALUES,
  MalformedResponseError,
  type ApiOptions,
} from '../src';
import { useTestServer } from './helpers/lifecycle';
import { testApi } from './helpers/server';

const testServer = useTestServer();

/** An Api against the local server that counts the requests it sends. */
function countingApi(options: ApiOptions = {}): { api: Api; requests: () => number } {
  let requests = 0;
  const api = testApi(testServer(), { hooks: { request: () => requests++ }, ...options });
  return { api, requests: () => requests };
}

/** A filter of `levels` nested `$and`s, built without recursion. */
function nested(levels: number): Record<string, unknown> {
  let filter: Record<string, unknown> = { state: 'finished' };
  for (let i = 0; i < levels; i++) filter = { $and: [filter] };
  return filter;
}

/** The error a call fails with (or throws synchronously). */
async function failure(call: () => unknown): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  throw new Error('the call succeeded');
}

describe('arguments are checked before any request', () => {
  const cases: [string, (api: Api) => unknown, RegExp][] = [
    [
      'perPage 0',
      (api) => api.runs('acme/mnist', { perPage: 0 }).toArray({ limit: 1 }),
      /perPage must be a positive integer, not 0/,
    ],
    [
      'perPage -1',
      (api) => api.runs('acme/mnist', { perPage: -1 }).toArray({ limit: 1 }),
      /perPage .* not -1/,
    ],
    [
      'perPage NaN',
      (api) => api.runs('acme/mnist', { perPage: NaN }).toArray({ limit: 1 }),
      /perPage .* not NaN/,
    ],
    [
      'perPage 2.5',
      (api) => api.projects('acme', { perPage: 2.5 }).toArray({ limit: 1 }),
      /perPage .* not 2\.5/,
    ],
    [
      'a filter nested 5,000 deep',
      (api) => api.runs('acme/mnist', { filters: nested(5_000) }).toArray({ limit: 1 }),
      new RegExp(`filters is nested deeper than ${MAX_FILTER_DEPTH} levels`),
    ],
    [
      'a filter with more values than the server takes',
      (api) =>
        api
          .runs('acme/mnist', {
            filters: { name: { $in: Array.from({ length: MAX_FILTER_VALUES }, String) } },
          })
          .toArray({ limit: 1 }),
      new RegExp(`filters holds more than ${MAX_FILTER_VALUES} values`),
    ],
    [
      'a filter that refers to itself',
      (api) => {
        const f: Record<string, unknown> = {};
        f.self = f;
        return api.runs('acme/mnist', { filters: f }).toArray({ limit: 1 });
      },
      /refers back to itself/,
    ],
    ['a path that is not a string', (api) => api.run(undefined as unknown as string), /Invalid path/],
  ];
  it.each(cases)('%s', async (_name, call, message) => {
    const { api, requests } = countingApi();
    const error = await failure(() => call(api));
    expect(error).toBeInstanceOf(BadInputError);
    expect((error as Error).message).toMatch(message);
    expect(requests()).toBe(0);
  });

  it('checks samples, pageSize, step windows and keys of a run before asking for its history', async () => {
    const { api, requests } = countingApi();
    const run = await api.run('acme/mnist/r01');
    const sent = requests();
    const bad: [() => unknown, RegExp][] = [
      [() => run.history({ samples: -5 }), /samples must be a positive integer, not -5/],
      [() => run.history({ samples: 0.5 }), /samples .* not 0\.5/],
      [() => run.history({ keys: [''] }), /keys must not hold an empty string/],
      [
        () => run.scanHistory({ pageSize: 0 }).toArray({ limit: 1 }),
        /pageSize must be a positive integer, not 0/,
      ],
      [() => run.scanHistory({ minStep: NaN }).toArray({ limit: 1 }), /minStep must be an integer, not NaN/],
      [
        () => run.scanHistory({ minStep: 5, maxStep: 2 }).toArray({ limit: 1 }),
        /minStep \(5\) must not be above maxStep \(2\)/,
      ],
    ];
    for (const [call, message] of bad) {
      const error = await failure(call);
      expect(error, String(message)).toBeInstanceOf(BadInputError);
      expect((error as Error).message).toMatch(message);
    }
    expect(requests()).toBe(sent);
  });

  it('caps perPage like the server instead of failing', async () => {
    const { api } = countingApi();
    expect(await api.runs('acme/mnist', { perPage: 5_000 }).length()).toBeGreaterThan(0);
  });

  it('rejects a baseUrl that is not an http(s) URL, naming it', async () => {
    for (const baseUrl of ['not a url', 'ftp://example.com']) {
      const error = await failure(() => new Api({ baseUrl, apiKey: 'k' }).viewer());
      expect(error).toBeInstanceOf(BadInputError);
      expect((error as Error).message).toMatch(/^baseUrl must be an http\(s\) URL/);
    }
  });
});

describe('replies the client cannot use are typed errors naming the operation', () => {
  /** An Api whose every request is answered with `body` (HTTP 200). */
  const answering = (body: string, type = 'application/json') =>
    new Api({
      baseUrl: 'http://127.0.0.1:9',
      apiKey: 'k',
      cache: false,
      retry: { maxRetries: 0 },
      fetch: () => Promise.resolve(new Response(body, { status: 200, headers: { 'Content-Type': type } })),
    });
  const calls: [string, (api: Api) => Promise<unknown>][] = [
    ['Run', (api) => api.run('acme/mnist/r01')],
    ['Runs', (api) => api.runs('acme/mnist').toArray({ limit: 5 })],
    ['Viewer', (api) => api.viewer()],
    ['Projects', (api) => api.projects('acme').toArray({ limit: 5 })],
  ];
  const bodies: [string, string, string, RegExp][] = [
    ['data: null', '{"data": null}', 'application/json', /^Malformed reply to \w+: data is null/],
    ['data: a list', '{"data": []}', 'application/json', /^Malformed reply to \w+: data is a list/],
    [
      'a field of the wrong type',
      '{"data": {"project": "acme", "models": 7, "viewer": true}}',
      'application/json',
      /^Malformed reply to \w+: (project|models|viewer) is (string|number|boolean), not an object/,
    ],
    ['HTML', '<html><body>Bad gateway</body></html>', 'text/html', /is not JSON/],
    ['truncated JSON', '{"data": {"project": {"run', 'application/json', /is not JSON/],
  ];
  for (const [operation, call] of calls) {
    it.each(bodies)(`${operation}: %s`, async (_name, body, type, message) => {
      const error = await failure(() => call(answering(body, type)));
      expect(error).toBeInstanceOf(MalformedResponseError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).toContain(`reply to ${operation}`);
    });
  }

  it('missing fields end in a typed error naming the operation and the field, never a TypeError', async () => {
    for (const body of [
      '{"data": {}}',
      '{"data": {"project": {}}}',
      '{"data": {"project": {"runs": {"edges": [{}]}}}}',
    ]) {
      for (const [operation, call] of calls) {
        const error = await failure(() => call(answering(body)));
        expect(error, body).toBeInstanceOf(MalformedResponseError);
        expect((error as Error).message).toMatch(
          new RegExp(`^Malformed reply to ${operation}: [\\w.\\[\\]]+ is missing$`),
        );
      }
    }
  });
});
