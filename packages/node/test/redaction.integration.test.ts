import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { ECHO_SCENARIOS, leaksOf, startCredentialEcho, type CredentialEcho } from '@wbapi/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, WandbError } from '../src/index';

// A proxy that echoes the credentials it receives (in messages, bodies, headers, split in parts,
// base64-encoded, cut by truncation): nothing the client shows may carry the key.
const KEY = randomBytes(20).toString('hex');
let echo: CredentialEcho;

beforeAll(async () => {
  echo = await startCredentialEcho();
});
afterAll(() => echo?.close());

/** Every text a user can get out of a failed call: the error in every form, hook events, log lines. */
async function surfacesOf(scenario: string): Promise<{ error: unknown; texts: string[]; events: unknown[] }> {
  const events: unknown[] = [];
  const lines: string[] = [];
  const log =
    (level: string) =>
    (message: string, data?: unknown): void => {
      lines.push(`${level} ${message} ${inspect(data, { depth: 20 })} ${JSON.stringify(data)}`);
    };
  const api = new Api({
    baseUrl: `${echo.url}/${scenario}`,
    apiKey: KEY,
    retry: { maxRetries: 1, baseDelayMs: 1, jitter: 0 },
    hooks: {
      request: (e) => events.push(e),
      response: (e) => events.push(e),
      retry: (e) => events.push(e),
      error: (e) => events.push(e),
    },
    logger: { debug: log('debug'), warn: log('warn'), error: log('error') },
  });
  const error = await api.viewer().then(
    () => new Error('the call succeeded'),
    (e: unknown) => e,
  );
  const texts = [
    String(error),
    JSON.stringify(error),
    inspect(error, { depth: 20, showHidden: true }),
    ...lines,
  ];
  for (let e: unknown = error; e instanceof Error; e = e.cause) texts.push(e.message, String(e.stack));
  for (const event of events)
    texts.push(inspect(event, { depth: 20, showHidden: true }), JSON.stringify(event));
  return { error, texts, events };
}

describe('a server that echoes the credentials (Node)', () => {
  it.each(ECHO_SCENARIOS)(
    '%s: no surface carries the API key, its Basic form or a part of either',
    async (scenario) => {
      const { error, texts, events } = await surfacesOf(scenario);
      expect(error).toBeInstanceOf(WandbError);
      expect(events.length).toBeGreaterThan(0);
      expect(leaksOf(texts.join('\n'), KEY)).toEqual([]);
      // Hooks and loggers never get request headers (the Authorization header among them).
      for (const event of events) expect(Object.keys(event as object)).not.toContain('headers');
    },
  );

  it('still says what went wrong, with the key replaced by ***', async () => {
    const { error } = await surfacesOf('graphql');
    expect((error as Error).message).toMatch(/^Invalid API key \*\*\* \(Authorization: Basic \*\*\*\)$/);
  });
});
