import { RunHistoryDocument, RunsDocument } from '@wbapi/gql';
import { Api } from '@wbapi/node';
import { bareRequest } from '../lib/bare-graphql';
import type { Workload, WorkloadContext } from './types';

const CONCURRENCY = 8;
const SAMPLES = 500;

async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<number>): Promise<number> {
  let next = 0;
  let total = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) total += await work(items[next++] as T);
    }),
  );
  return total;
}

export const sampledHistory: Workload = {
  id: 'sampled-history',
  title: `Sampled history (samples ${SAMPLES}) of every run of a project, ${CONCURRENCY} at a time`,
  unit: 'rows',
  client: (ctx: WorkloadContext) => async () => {
    const api = new Api({ baseUrl: ctx.url, apiKey: ctx.apiKey });
    const runs = await api.runs('bench/sampled', { perPage: 500 }).toArray({ limit: ctx.sizes.sampledRuns });
    return pool(runs, CONCURRENCY, async (run) => (await run.history({ samples: SAMPLES })).length);
  },
  limit: (ctx: WorkloadContext) => async () => {
    const names: string[] = [];
    let cursor: string | null = null;
    for (;;) {
      const data: {
        project: {
          runs: {
            edges: { node: { name: string } }[];
            pageInfo: { endCursor: string | null; hasNextPage: boolean };
          };
        };
      } = await bareRequest(ctx, RunsDocument, {
        entity: 'bench',
        project: 'sampled',
        perPage: 500,
        cursor,
        order: '+created_at',
        filters: '{}',
      });
      names.push(...data.project.runs.edges.map((edge) => edge.node.name));
      if (!data.project.runs.pageInfo.hasNextPage) break;
      cursor = data.project.runs.pageInfo.endCursor;
    }
    return pool(names, CONCURRENCY, async (name) => {
      const data = await bareRequest<{ project: { run: { history: string[] } } }>(ctx, RunHistoryDocument, {
        entity: 'bench',
        project: 'sampled',
        name,
        samples: SAMPLES,
      });
      for (const text of data.project.run.history) JSON.parse(text);
      return data.project.run.history.length;
    });
  },
};
