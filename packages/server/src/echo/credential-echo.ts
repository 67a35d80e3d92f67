import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a {@link startCredentialEcho} server answers, chosen by the first path segment of the URL. */
export const ECHO_SCENARIOS = [
  'graphql',
  'split',
  'text',
  'html',
  'truncated',
  'unauthorized',
  'malformed',
  'encoded',
] as const;

/** One of {@link ECHO_SCENARIOS}. */
export type EchoScenario = (typeof ECHO_SCENARIOS)[number];

/** A running credential echo server. */
export interface CredentialEcho {
  /** `http://127.0.0.1:<port>`; use `${url}/<scenario>` as a client's base URL. */
  url: string;
  /** Stops it. */
  close(): Promise<void>;
}

interface Reply {
  status: number;
  type: string;
  body: string;
  headers?: Record<string, string>;
}

/** The key of a Basic `api:<key>` header, '' without one. */
function keyOf(authorization: string): string {
  const encoded = /^Basic\s+(.+)$/i.exec(authorization)?.[1] ?? '';
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  return decoded.slice(decoded.indexOf(':') + 1);
}

function replyFor(scenario: string, auth: string, key: string): Reply {
  const json = (status: number, value: unknown, headers?: Record<string, string>): Reply => ({
    status,
    type: 'application/json',
    body: JSON.stringify(value),
    ...(headers ? { headers } : {}),
  });
  const half = Math.floor(key.length / 2);
  switch (scenario) {
    case 'graphql':
      return json(
        200,
        {
          errors: [
            {
              message: `Invalid API key ${key} (Authorization: ${auth})`,
              path: ['viewer', key],
              extensions: { authorization: auth, key },
            },
          ],
          data: { viewer: null, echo: key },
        },
        { 'X-Echo-Authorization': auth },
      );
    case 'split':
      return json(200, {
        errors: [
          { message: `key starts ${key.slice(0, half)}` },
          { message: `${key.slice(half)} is the rest` },
        ],
        data: null,
      });
    case 'text':
      return { status: 500, type: 'text/plain', body: `upstream rejected key ${key} with ${auth}` };
    case 'html':
      return {
        status: 502,
        type: 'text/html',
        body: `<html><body><h1>Bad gateway</h1><pre>${auth}\n${key}</pre></body></html>`,
      };
    case 'truncated':
      // The key straddles the 500-character message cut and the 1,000-character body cut.
      return json(500, { error: `${'x'.repeat(470)}${key}`, detail: `${'y'.repeat(448)}${key}` });
    case 'unauthorized':
      return json(401, { error: `unknown key ${key}` }, { 'WWW-Authenticate': `Basic realm="${key}"` });
    case 'malformed':
      return { status: 200, type: 'application/json', body: `{"data": {"viewer": "${key}` };
    default:
      return json(403, {
        error: `forbidden: ${Buffer.from(key).toString('base64')} ${Buffer.from(`api:${key}`).toString('base64')} ${encodeURIComponent(auth)}`,
      });
  }
}

function answer(req: IncomingMessage, res: ServerResponse): void {
  const cors = {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? '*',
    'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
    'Access-Control-Expose-Headers': '*',
  };
  if (req.method === 'OPTIONS') {
    res.writeHead(204, cors).end();
    return;
  }
  const auth = req.headers.authorization ?? '';
  const scenario = (req.url ?? '/').split('/')[1] ?? '';
  const reply = replyFor(scenario, auth, keyOf(auth));
  req.resume();
  res.writeHead(reply.status, { ...cors, 'Content-Type': reply.type, ...reply.headers }).end(reply.body);
}

/**
 * A misbehaving proxy for tests: on 127.0.0.1 (free port), it answers every request by echoing the
 * credentials it got (the API key of the Basic `Authorization` header, and the header itself) in
 * messages, bodies, headers and parts, one way per scenario (the first path segment). CORS is open
 * to any origin, so a page can call it.
 *
 * @example const echo = await startCredentialEcho(); new Api({ baseUrl: `${echo.url}/graphql`, apiKey })
 */
export async function startCredentialEcho(): Promise<CredentialEcho> {
  const server = createServer(answer);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * What of an API key shows in `text`: each 12-character stretch of the key, of the base64 of
 * `api:<key>` (the Basic credentials) or of the base64 of the key, that appears in it. Empty when
 * nothing leaked.
 *
 * @example expect(leaksOf(JSON.stringify(error), apiKey)).toEqual([])
 */
export function leaksOf(text: string, key: string): string[] {
  const forms = [key, Buffer.from(`api:${key}`).toString('base64'), Buffer.from(key).toString('base64')];
  const found = new Set<string>();
  for (const form of forms) {
    for (let i = 0; i + 12 <= form.length; i++) {
      const piece = form.slice(i, i + 12);
      if (text.includes(piece)) found.add(piece);
    }
  }
  return [...found];
}
