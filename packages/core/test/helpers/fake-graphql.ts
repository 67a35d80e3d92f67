/** One GraphQL request as a fake server saw it. */
export interface SeenRequest {
  url: string;
  operation: string;
  variables: Record<string, unknown>;
  headers: Headers;
}

/** A reply: a JSON body (status 200 unless given) or a raw Response. */
export type FakeReply = Response | { status?: number; body: unknown };

/**
 * A fetch that answers GraphQL requests by operation name, for unit tests of logic that
 * needs a specific reply (malformed bodies and the like). Integration tests use the real server.
 */
export function fakeGraphQL(handlers: Record<string, (variables: Record<string, unknown>) => FakeReply>): {
  fetch: typeof fetch;
  seen: SeenRequest[];
} {
  const seen: SeenRequest[] = [];
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const body = JSON.parse(String(init?.body)) as { query: string; variables: Record<string, unknown> };
    const operation = /^\s*(?:query|mutation)\s+(\w+)/m.exec(body.query)?.[1] ?? '';
    seen.push({
      url: String(input),
      operation,
      variables: body.variables,
      headers: new Headers(init?.headers),
    });
    const handler = handlers[operation];
    if (!handler)
      return new Response(JSON.stringify({ errors: [{ message: `no handler for ${operation}` }] }));
    const reply = handler(body.variables);
    if (reply instanceof Response) return reply;
    return new Response(JSON.stringify(reply.body), {
      status: reply.status ?? 200,
      headers: { 'content-type': 'application/json' },
    });
  };
  return { fetch: fetchImpl as typeof fetch, seen };
}

/** A run as the `RunFields` fragment selects it (every field present, as a server answers), with `fields` over defaults. */
export function runNode(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'UnVu',
    tags: [],
    name: 'r',
    displayName: 'r',
    sweepName: null,
    state: 'finished',
    config: '{}',
    group: null,
    jobType: null,
    commit: null,
    readOnly: false,
    createdAt: '2024-01-01T00:00:00',
    heartbeatAt: null,
    description: null,
    notes: null,
    systemMetrics: '{}',
    summaryMetrics: '{}',
    historyLineCount: 0,
    user: null,
    historyKeys: null,
    projectId: 1,
    ...fields,
  };
}
