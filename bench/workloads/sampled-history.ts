import { RunHistoryDocument } from '@wbapi/gql';
import { Api } from '@wbapi/node';
import { bareListRuns, bareRequest, pool } from '../lib/bare-graphql';
import type { Workload, WorkloadContext } from './types';

const SAMPLES = 500;

/** The bare loop: list the runs, then one RunHistory request per run, `concurrency` at a time. */
function limit(concurrency: number) {
  return (ctx: WorkloadContext) => async () => {
    const names = await bareListRuns(ctx, { project: 'sampled', perPage: 500 });
    return pool(names, concurrency, async (name) => {
      const data = await bareRequest<{ project: { run: { history: string[] } } }>(ctx, RunHistoryDocument, {
        entity: 'bench',
        project: 'sampled',
        name,
        samples: SAMPLES,
      });
      for (const text of data.project.run.history) JSON.parse(text);
      return data.project.run.history.length;
    });
  };
}

export const sampledHistorySequential: Workload = {
  id: 'sampled-history-1',
  title: `Sampled history (samples ${SAMPLES}) of every run of a project, one after another (run.history)`,
  unit: 'rows',
  client: (ctx: WorkloadContext) => async () => {
    const api = new Api({ baseUrl: ctx.url, apiKey: ctx.apiKey });
    let rows = 0;
    for await (const run of api.runs('bench/sampled', { perPage: 500 })) {
      rows += (await run.history({ samples: SAMPLES })).length;
    }
    return rows;
  },
  limit: limit(1),
};

export const sampledHistory: Workload = {
  id: 'sampled-history',
  title: `Sampled history (samples ${SAMPLES}) of every run of a project, 8 at a time (runs.histories)`,
  unit: 'rows',
  client: (ctx: WorkloadContext) => async () => {
    const api = new Api({ baseUrl: ctx.url, apiKey: ctx.apiKey });
    const rows = await api
      .runs('bench/sampled', { perPage: 500 })
      .histories({ samples: SAMPLES, concurrency: 8 });
    return rows.length;
  },
  limit: limit(8),
};
