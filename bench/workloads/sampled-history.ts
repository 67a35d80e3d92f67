import { RunHistoryDocument } from '@wbapi/gql';
import { Api } from '@wbapi/node';
import { bareListRuns, bareRequest, pool } from '../lib/bare-graphql';
import type { Workload, WorkloadContext } from './types';

const CONCURRENCY = 8;
const SAMPLES = 500;

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
    const names = await bareListRuns(ctx, { project: 'sampled', perPage: 500 });
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
