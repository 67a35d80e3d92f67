import { HistoryPageDocument, RunsDocument } from '@wbapi/gql';
import { bareRequest } from '../lib/bare-graphql';
import type { Workload, WorkloadContext } from './types';

const REQUESTS = 50;

async function latencies(
  request: (i: number) => Promise<unknown>,
  report: (extra: Record<string, number>) => void,
) {
  const times: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const started = performance.now();
    await request(i);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] as number;
  report({ p50Ms: at(0.5), p95Ms: at(0.95) });
  return REQUESTS;
}

/** How long the server takes to answer one 1,000-row history page (bare requests, one at a time). */
export const serverHistoryPage: Workload = {
  id: 'server-history-page',
  title: 'Server: one 1,000-row HistoryPage (latency over 50 requests)',
  unit: 'requests',
  client: (ctx: WorkloadContext) => (report) => {
    const last = ctx.sizes.scanRows - 1000;
    return latencies((i) => {
      const min = Math.floor((i / REQUESTS) * Math.max(0, last));
      return bareRequest(ctx, HistoryPageDocument, {
        entity: 'bench',
        project: 'scan',
        run: 'scanrun',
        minStep: min,
        maxStep: min + 1000,
        pageSize: 1000,
      });
    }, report);
  },
};

/** How long the server takes to answer one filtered 50-run page of the large project (first page and later ones). */
export const serverRunsPage: Workload = {
  id: 'server-runs-page',
  title: 'Server: one filtered 50-run Runs page of the listing project (latency over 50 pages)',
  unit: 'requests',
  client: (ctx: WorkloadContext) => (report) => {
    let cursor: string | null = null;
    return latencies(async () => {
      const data: { project: { runs: { pageInfo: { endCursor: string | null } } } } = await bareRequest(
        ctx,
        RunsDocument,
        {
          entity: 'bench',
          project: 'listing',
          filters: JSON.stringify({ $and: [{ state: 'finished' }, { 'config.batch_size': { $gte: 32 } }] }),
          order: '-summary_metrics.loss',
          perPage: 50,
          cursor,
        },
      );
      cursor = data.project.runs.pageInfo.endCursor;
    }, report);
  },
};
