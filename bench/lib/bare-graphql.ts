// The "limit" every client workload is compared with: a bare loop of fetch + JSON.parse
// sending the same GraphQL documents for the same pages, with no client code in between.

export interface BareTarget {
  url: string;
  apiKey: string;
}

export async function bareRequest<T>(
  target: BareTarget,
  query: string,
  variables: Record<string, unknown>,
): Promise<T> {
  const response = await fetch(`${target.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Basic ${Buffer.from(`api:${target.apiKey}`).toString('base64')}`,
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = JSON.parse(await response.text()) as { data: T; errors?: unknown };
  if (!response.ok || body.errors) throw new Error(`bare request failed: HTTP ${response.status}`);
  return body.data;
}
