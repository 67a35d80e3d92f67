/** One GraphQL request body as the client sent it. */
export interface SentRequest {
  query: string;
  variables: Record<string, unknown>;
}

/**
 * A fetch to the real server that records each GraphQL body, and lets a test rewrite replies
 * (e.g. to make the last edge's cursor and `pageInfo.endCursor` differ, which the server never does).
 */
export function recordingFetch(
  rewrite: (reply: string, sent: SentRequest) => string = (reply) => reply,
): typeof fetch & { sent: SentRequest[] } {
  const sent: SentRequest[] = [];
  const fetchFn = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const response = await fetch(input, init);
    if (typeof init?.body !== 'string') return response;
    const body = JSON.parse(init.body) as SentRequest;
    sent.push(body);
    const text = rewrite(await response.text(), body);
    return new Response(text, { status: response.status, headers: response.headers });
  };
  return Object.assign(fetchFn as typeof fetch, { sent });
}
