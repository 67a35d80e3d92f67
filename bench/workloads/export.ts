import { HistoryPageDocument, RunHistoryKeysDocument, RunsDocument } from '@wbapi/gql';
import { Api, exportRuns } from '@wbapi/node';
import { bareRequest } from '../lib/bare-graphql';
import type { Workload, WorkloadContext } from './types';

const PAGE = 1000;

/** Export every run of the 'sampled' project (config, summary, full history) through exportRuns. */
function client(concurrency: number) {
  return (ctx: WorkloadContext) => async () => {
    const api = new Api({ baseUrl: ctx.url, apiKey: ctx.apiKey });
    let runs = 0;
    for await (const exported of exportRuns(api.runs('bench/sampled', { perPage: 500 }), {
      full: true,
      concurrency,
    })) {
      if (exported.history.length === 0) throw new Error('empty history');
      runs++;
    }
    return runs;
  };
}

/** The same with bare requests: listing pages, then per run its last step and history pages. */
function limit(concurrency: number) {
  return (ctx: WorkloadContext) => async () => {
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
      } = await bareRequest(ctx, RunsDocument, {
        entity: 'bench',
        project: 'sampled',
        perPage: 500,
        cursor,
        order: '+created_at',
        filters: '{}',
      });
      for (const edge of data.project.runs.edges) {
        JSON.parse(edge.node.config);
        JSON.parse(edge.node.summaryMetrics);
        names.push(edge.node.name);
      }
      if (!data.project.runs.pageInfo.hasNextPage) break;
      cursor = data.project.runs.pageInfo.endCursor;
    }
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < names.length) {
          const name = names[next++] as string;
          const keys = await bareRequest<{ project: { run: { historyKeys: { lastStep?: number } } } }>(
            ctx,
            RunHistoryKeysDocument,
            {
              entity: 'bench',
              project: 'sampled',
              name,
            },
          );
          const end = (keys.project.run.historyKeys.lastStep ?? -1) + 1;
          for (let min = 0; min < end; min += PAGE) {
            const page = await bareRequest<{ project: { run: { history: string[] } } }>(
              ctx,
              HistoryPageDocument,
              {
                entity: 'bench',
                project: 'sampled',
                run: name,
                minStep: min,
                maxStep: Math.min(min + PAGE, end),
                pageSize: PAGE,
              },
            );
            for (const text of page.project.run.history) JSON.parse(text);
          }
        }
      }),
    );
    return names.length;
  };
}

export const exportWorkloads: Workload[] = [1, 4, 16].map((concurrency) => ({
  id: `export-c${concurrency}`,
  title: `Export every run (config, summary, full history) of a project, concurrency ${concurrency}`,
  unit: 'runs',
  client: client(concurrency),
  limit: limit(concurrency),
}));
