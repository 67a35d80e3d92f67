import { describe, expect, it } from 'vitest';
import { MalformedResponseError, WandbError, type Api } from '../src';
import { useTestServer } from './helpers/lifecycle';
import { testApi } from './helpers/server';

// Every reply the client cannot use is a typed error naming the operation, never a TypeError:
// each call below runs against the real local server through a fetch that breaks one field of
// the reply (removed, or given a value of each wrong JSON type), for every field of the reply.
const testServer = useTestServer();

/** What the user calls, and the GraphQL operation whose reply is broken. */
const CALLS: [string, (api: Api) => Promise<unknown>][] = [
  ['Runs', (api) => api.runs('acme/mnist', { perPage: 2 }).toArray({ limit: 2 })],
  ['Run', (api) => api.run('acme/mnist/r01')],
  [
    'HistoryPage',
    async (api) => (await api.run('acme/history/dense')).scanHistory({ pageSize: 5 }).toArray({ limit: 5 }),
  ],
  [
    'SampledHistoryPage',
    async (api) =>
      (await api.run('acme/history/dense'))
        .scanHistory({ keys: ['loss'], pageSize: 5 })
        .toArray({ limit: 5 }),
  ],
  [
    'RunSampledHistory',
    async (api) => (await api.run('acme/history/dense')).history({ samples: 3, keys: ['loss'] }),
  ],
  ['RunHistory', async (api) => (await api.run('acme/history/dense')).history({ samples: 3 })],
  [
    'RunFiles',
    async (api) => (await api.run('acme/files/withfiles')).files({ perPage: 2 }).toArray({ limit: 2 }),
  ],
  // Sweep: any failure makes the client ask again with the legacy selection, broken the same way.
  ['Sweep(Legacy)?', (api) => api.sweep('acme/mnist/sw1')],
  ['Projects', (api) => api.projects('acme', { perPage: 2 }).toArray({ limit: 2 })],
  ['Project', async (api) => (await api.project('mnist', 'acme')).load()],
  ['ProjectViews', (api) => api.reports('acme/mnist').toArray({ limit: 2 })],
  ['Viewer', (api) => api.viewer()],
];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Paths to every value of a reply (the first element of each list). */
function pathsOf(value: Json, path: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = path.length > 0 ? [path] : [];
  if (Array.isArray(value)) {
    if (value.length > 0) out.push(...pathsOf(value[0] as Json, [...path, 0]));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) out.push(...pathsOf(inner, [...path, key]));
  }
  return out;
}

/** Fields of the `JSON` scalar type: what is inside is data, not selected fields. */
const JSON_FIELDS = new Set<string | number>(['historyKeys', 'sampledHistory']);

const MISSING = Symbol('missing');
const WRONG: [string, unknown][] = [
  ['missing', MISSING],
  ['a number', 7],
  ['a string', 'x'],
  ['a boolean', true],
  ['an object', { a: 1 }],
  ['a list', [1]],
];

/** The value at `path` in `data`. */
function valueAt(data: Json, path: (string | number)[]): unknown {
  let at: unknown = data;
  for (const key of path) at = (at as Record<string | number, unknown> | null)?.[key];
  return at;
}

/** A copy of `data` with the value at `path` removed or replaced. */
function broken(data: Json, path: (string | number)[], value: unknown): Json {
  const copy = JSON.parse(JSON.stringify(data)) as Json;
  let at = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) {
    at = at[key] as Record<string | number, unknown>;
    if (at === null || typeof at !== 'object') return copy; // not in this reply (the legacy sweep)
  }
  const last = path[path.length - 1] as string | number;
  if (!(last in at)) return copy;
  if (value === MISSING) {
    if (Array.isArray(at)) at.splice(Number(last), 1);
    else delete at[last];
  } else at[last] = value;
  return copy;
}

/** Whether the last reply edited was changed (a legacy sweep reply may lack the field). */
let lastBroken = false;

/** An Api whose replies to `operation` pass through `edit`. */
function apiEditing(operation: string, edit: (data: Json) => Json): Api {
  return apiAnswering(operation, (text) => {
    const reply = JSON.parse(text) as { data: Json };
    const data = edit(reply.data);
    lastBroken = JSON.stringify(data) !== JSON.stringify(reply.data);
    return Response.json({ ...reply, data });
  });
}

describe('a reply with a field missing or of the wrong type', () => {
  it.each(CALLS)(
    '%s: every broken field is a typed error or a value, never a TypeError',
    async (operation, call) => {
      let original: Json = null;
      await call(apiEditing(operation, (data) => (original = data)));
      const paths = pathsOf(original);
      expect(paths.length).toBeGreaterThan(0);
      const untyped: string[] = [];
      for (const path of paths) {
        for (const [what, value] of WRONG) {
          const error = await call(apiEditing(operation, (data) => broken(data, path, value))).then(
            () => null,
            (e: unknown) => e,
          );
          const where = `${path.join('.')} ${what}`;
          if (error !== null && !(error instanceof WandbError)) untyped.push(`${where}: ${String(error)}`);
          // Inside JSON values (historyKeys, sampledHistory rows) keys are data, not fields.
          const field =
            !path.some((key) => JSON_FIELDS.has(key)) && typeof path[path.length - 1] === 'string';
          // What the checker catches before any code reads the reply, naming the operation: a
          // missing field, an object where a value or list is, a list where a value is, a value
          // where an object or list is (a string where a number is, say, passes: types of single
          // values are not checked).
          const was = valueAt(original, path);
          const caught =
            value === MISSING ||
            (value !== null && typeof value === 'object' && !Array.isArray(value)) ||
            (Array.isArray(value) ? !Array.isArray(was) : was !== null && typeof was === 'object');
          const named =
            value === MISSING
              ? new RegExp(
                  `^Malformed reply to ${operation}: ${path.join('.').replace(/\.(\d+)\./g, '\\[$1\\]\\.')} is missing$`,
                )
              : new RegExp(`^Malformed reply to ${operation}: `);
          if (
            field &&
            caught &&
            lastBroken &&
            !(error instanceof MalformedResponseError && named.test(error.message))
          )
            untyped.push(`${where}: ${error === null ? 'accepted' : String(error)}`);
        }
      }
      expect(untyped).toEqual([]);
    },
  );
});

/** An Api whose replies to `operation` are replaced by what `answer` makes of the real reply's text. */
function apiAnswering(operation: string, answer: (text: string) => Response): Api {
  const real = globalThis.fetch;
  return testApi(testServer(), {
    retry: { maxRetries: 0 },
    fetch: async (input, init) => {
      const response = await real(input, init);
      const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as { query?: string }) : {};
      if (!new RegExp(`\\bquery ${operation}\\b`).test(body.query ?? '')) return response;
      return answer(await response.text());
    },
  });
}

describe('a reply that is not a usable GraphQL reply', () => {
  const BODIES: [string, (text: string) => Response, RegExp][] = [
    [
      'data: null',
      () => Response.json({ data: null }),
      /^Malformed reply to \S+: data is null, not an object$/,
    ],
    [
      'an HTML page (a proxy error page, with status 200)',
      () =>
        new Response('<html><body>Bad gateway</body></html>', { headers: { 'Content-Type': 'text/html' } }),
      /^Malformed reply to \S+ \(HTTP 200\): body is not JSON$/,
    ],
    [
      'JSON cut in the middle',
      (text) =>
        new Response(text.slice(0, Math.floor(text.length / 2)), {
          headers: { 'Content-Type': 'application/json' },
        }),
      /^Malformed reply to \S+ \(HTTP 200\): body is not JSON$/,
    ],
  ];
  it.each(CALLS)('%s: each is a MalformedResponseError', async (operation, call) => {
    for (const [what, answer, message] of BODIES) {
      const error = await call(apiAnswering(operation, answer)).then(
        () => new Error('accepted'),
        (e: unknown) => e,
      );
      expect(error, what).toBeInstanceOf(MalformedResponseError);
      expect((error as Error).message, what).toMatch(message);
      expect((error as Error).message, what).toContain(operation.replace('(Legacy)?', ''));
    }
  });
});
