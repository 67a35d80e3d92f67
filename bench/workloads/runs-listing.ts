import { Api } from '@wbapi/node';
import { bareListRuns } from '../lib/bare-graphql';
import type { Workload, WorkloadContext } from './types';

const FILTERS = { $and: [{ state: 'finished' }, { 'config.batch_size': { $gte: 32 } }] };
const ORDER = '-summary_metrics.loss';

function client(perPage: number) {
  return (ctx: WorkloadContext) => async () => {
    const api = new Api({ baseUrl: ctx.url, apiKey: ctx.apiKey });
    let count = 0;
    for await (const run of api.runs('bench/listing', { filters: FILTERS, order: ORDER, perPage })) {
      if (!run.id) throw new Error('run without id');
      count++;
    }
    return count;
  };
}

function limit(perPage: number) {
  return (ctx: WorkloadContext) => async () =>
    (await bareListRuns(ctx, { project: 'listing', filters: JSON.stringify(FILTERS), order: ORDER, perPage }))
      .length;
}

export const runsListing50: Workload = {
  id: 'runs-listing-50',
  title: 'List a filtered, ordered project (perPage 50)',
  unit: 'runs',
  client: client(50),
  limit: limit(50),
};

export const runsListing500: Workload = {
  id: 'runs-listing-500',
  title: 'List a filtered, ordered project (perPage 500)',
  unit: 'runs',
  client: client(500),
  limit: limit(500),
};
