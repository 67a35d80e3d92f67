import { HistoryPageDocument, RunHistoryKeysDocument, SampledHistoryPageDocument } from '@wbapi/gql';
import { Api } from '@wbapi/node';
import { bareRequest } from '../lib/bare-graphql';
import { rssMb } from '../lib/measure';
import type { Workload, WorkloadContext } from './types';

const RUN = { entity: 'bench', project: 'scan', run: 'scanrun' };
const PAGE = 1000;
const KEYS = ['metric_0', 'metric_1'];

async function lastStep(ctx: WorkloadContext): Promise<number> {
  const data = await bareRequest<{ project: { run: { historyKeys: { lastStep?: number } } } }>(
    ctx,
    RunHistoryKeysDocument,
    { entity: RUN.entity, project: RUN.project, name: RUN.run },
  );
  return data.project.run.historyKeys.lastStep ?? -1;
}

function clientScan(keys: string[] | undefined, onRow?: (count: number) => void) {
  return (ctx: WorkloadContext) => async () => {
    const api = new Api({ baseUrl: ctx.url, apiKey: ctx.apiKey });
    const run = await api.run(`${RUN.entity}/${RUN.project}/${RUN.run}`);
    let rows = 0;
    for await (const row of run.scanHistory({ pageSize: PAGE, ...(keys ? { keys } : {}) })) {
      if (row === undefined) throw new Error('missing row');
      rows++;
      onRow?.(rows);
    }
    return rows;
  };
}

function bareScan(keys: string[] | undefined) {
  return (ctx: WorkloadContext) => async () => {
    const end = (await lastStep(ctx)) + 1;
    let rows = 0;
    for (let min = 0; min < end; min += PAGE) {
      const max = Math.min(min + PAGE, end);
      if (keys) {
        const spec = JSON.stringify({
          keys: ['_step', ...keys],
          minStep: min,
          maxStep: max - 1,
          samples: PAGE,
        });
        const data = await bareRequest<{ project: { run: { sampledHistory: unknown[][] } } }>(
          ctx,
          SampledHistoryPageDocument,
          { ...RUN, spec },
        );
        rows += data.project.run.sampledHistory[0]?.length ?? 0;
      } else {
        const data = await bareRequest<{ project: { run: { history: string[] } } }>(
          ctx,
          HistoryPageDocument,
          {
            ...RUN,
            minStep: min,
            maxStep: max,
            pageSize: PAGE,
          },
        );
        for (const text of data.project.run.history) if (JSON.parse(text) === undefined) throw new Error();
        rows += data.project.run.history.length;
      }
    }
    return rows;
  };
}

export const historyScan: Workload = {
  id: 'history-scan',
  title: 'Full history scan, all keys (scanHistory)',
  unit: 'rows',
  client: clientScan(undefined),
  limit: bareScan(undefined),
};

export const historyScanKeys: Workload = {
  id: 'history-scan-keys',
  title: `Full history scan, keys ${KEYS.join(',')} (scanHistory({ keys }))`,
  unit: 'rows',
  client: clientScan(KEYS),
  limit: bareScan(KEYS),
};

/** RSS after 10% of the rows versus after all of them: flat is the goal. */
export const memoryGrowth: Workload = {
  id: 'memory-growth',
  title: 'Memory growth over a full scan (RSS at 10% vs 100% of rows)',
  unit: 'rows',
  client: (ctx) => async (report) => {
    const tenth = Math.floor(ctx.sizes.scanRows / 10);
    let atTenth = 0;
    const rows = await clientScan(undefined, (count) => {
      if (count === tenth) {
        globalThis.gc?.();
        atTenth = rssMb();
      }
    })(ctx)();
    globalThis.gc?.();
    report({ rssAtTenthMb: atTenth, rssAtEndMb: rssMb(), growthMb: rssMb() - atTenth });
    return rows;
  },
};
