import { RunsDocument } from '@wbapi/gql';
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

/**
 * Lists runs with bare Runs requests, page by page, decoding each run's config and summary as
 * the client does, and returns the run ids in listing order.
 */
export async function bareListRuns(
  target: BareTarget,
  variables: { project: string; perPage: number; filters?: string; order?: string },
): Promise<string[]> {
  const names: string[] = [];
  let cursor: string | null = null;
  for (;;) {
    const data: {
      project: {
        runs: {
          edges: { node: { name: string; config: string; summaryMetrics: string } }[];
          pageInfo: { endCursor: string | null; hasNextPage: boolean };
        };
      };
    } = await bareRequest(target, RunsDocument, {
      entity: 'bench',
      filters: '{}',
      order: '+created_at',
      ...variables,
      cursor,
    });
    for (const edge of data.project.runs.edges) {
      JSON.parse(edge.node.config);
      JSON.parse(edge.node.summaryMetrics);
      names.push(edge.node.name);
    }
    if (!data.project.runs.pageInfo.hasNextPage) return names;
    cursor = data.project.runs.pageInfo.endCursor;
  }
}

/** Runs `work` over `items`, at most `concurrency` at a time, and sums what it returns. */
export async function pool<T>(
  items: T[],
  concurrency: number,
  work: (item: T) => Promise<number>,
): Promise<number> {
  let next = 0;
  let total = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        // Awaited first: `total += await ...` would add to a stale total read before the wait.
        const done = await work(items[next++] as T);
        total += done;
      }
    }),
  );
  return total;
}
