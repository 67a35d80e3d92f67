import { RunsDocument } from '@wbapi/gql';
import { Api } from '@wbapi/node';
import { bareRequest } from '../lib/bare-graphql';
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
  return (ctx: WorkloadContext) => async () => {
    let cursor: string | null = null;
    let count = 0;
    for (;;) {
      const data: {
        project: {
          runs: {
            edges: { node: { config: string; summaryMetrics: string } }[];
            pageInfo: { endCursor: string | null; hasNextPage: boolean };
          };
        };
      } = await bareRequest(ctx, RunsDocument, {
        entity: 'bench',
        project: 'listing',
        filters: JSON.stringify(FILTERS),
        order: ORDER,
        perPage,
        cursor,
      });
      for (const edge of data.project.runs.edges) {
        // the client decodes config and summary of every run; so does the limit
        JSON.parse(edge.node.config);
        JSON.parse(edge.node.summaryMetrics);
        count++;
      }
      if (!data.project.runs.pageInfo.hasNextPage) return count;
      cursor = data.project.runs.pageInfo.endCursor;
    }
  };
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
