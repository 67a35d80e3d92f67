import { HistoryPageDocument, RunHistoryKeysDocument } from '@wbapi/gql';
import { Api, exportRuns } from '@wbapi/node';
import { bareListRuns, bareRequest, pool } from '../lib/bare-graphql';
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
    const names = await bareListRuns(ctx, { project: 'sampled', perPage: 500 });
    await pool(names, concurrency, async (name) => {
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
      return 1;
    });
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
