import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/index';
import { KEY, startTestServer } from './helpers';

// What the official Python SDK sends; where the file comes from: test/fixtures/README.md.
interface Captured {
  seq: number;
  gql_name: string | null;
  headers: [string, string][];
  json: { query?: string; variables?: Record<string, unknown> | null };
}

const requests = readFileSync(new URL('./fixtures/captured-requests.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as Captured);

/** Sends one captured request (entity and project rewritten to the test project) and says what went wrong, if anything. */
async function replay(server: RunningServer, request: Captured): Promise<string | null> {
  const variables = { ...request.json.variables };
  if ('entity' in variables) variables['entity'] = 'e';
  if ('project' in variables) variables['project'] = 'p';
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Basic ${Buffer.from(`api:${KEY}`).toString('base64')}`,
      ...Object.fromEntries(request.headers),
    },
    body: JSON.stringify({ query: request.json.query ?? '', variables }),
  });
  const text = await response.text();
  let problem: string | null = null;
  try {
    const body = JSON.parse(text) as { data?: unknown; errors?: unknown[] };
    if (body.errors?.length) problem = `errors: ${JSON.stringify(body.errors).slice(0, 200)}`;
    else if (body.data === null || body.data === undefined) problem = 'data is null';
  } catch {
    problem = `non-JSON body: ${text.slice(0, 120)}`;
  }
  if (response.status !== 200) problem = `HTTP ${response.status}${problem ? `; ${problem}` : ''}`;
  return problem && `seq ${request.seq} ${request.gql_name ?? '(anonymous)'}: ${problem}`;
}

describe('requests captured from the official W&B Python SDK', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('are all accepted: HTTP 200, no errors, data not null', async () => {
    expect(requests.length).toBeGreaterThan(0);
    const problems: string[] = [];
    for (const request of requests) {
      const problem = await replay(server, request);
      if (problem) problems.push(problem);
    }
    expect(problems).toEqual([]);
  });
});
