import { HistoryPageDocument, RunHistoryKeysDocument, SampledHistoryPageDocument } from '@wbapi/gql';
import { Api, historyBatches, NodePlatform, type GetBytes, type HistoryScan } from '@wbapi/node';
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

/** A Node platform whose export reads count the requests and body bytes sent to history export URLs. */
function countingPlatform(counts: { requests: number; bytes: number }): NodePlatform {
  const platform = new NodePlatform();
  const inner = platform.getBytes;
  if (!inner) throw new Error('the Node platform reads export files with getBytes');
  const getBytes: GetBytes = async (url, init) => {
    const reply = await inner(url, init);
    counts.requests += 1;
    counts.bytes += Number(reply.headers.get('content-length') ?? 0) * (init.method === 'HEAD' ? 0 : 1);
    return reply;
  };
  return Object.assign(Object.create(platform) as NodePlatform, { getBytes });
}

/** How a client scan reads the rows: one by one, or as column batches (`historyBatches(scan)`). */
type ReadAs = 'rows' | 'batches';

async function countRows(
  scan: HistoryScan,
  readAs: ReadAs,
  onRow?: (count: number) => void,
): Promise<number> {
  let rows = 0;
  if (readAs === 'batches') {
    for await (const batch of historyBatches(scan)) {
      if (!(batch.columns['_step'] instanceof Float64Array)) throw new Error('no _step column');
      rows += batch.length;
    }
    return rows;
  }
  for await (const row of scan) {
    if (row === undefined) throw new Error('missing row');
    rows++;
    onRow?.(rows);
  }
  return rows;
}

function clientScan(
  keys: string[] | undefined,
  onRow?: (count: number) => void,
  source: 'pages' | 'parquet' = 'pages',
  readAs: ReadAs = 'rows',
) {
  return (ctx: WorkloadContext) => async (report?: (extra: Record<string, number>) => void) => {
    const counts = { requests: 0, bytes: 0 };
    const platform = countingPlatform(counts);
    const api = new Api({ baseUrl: ctx.url, apiKey: ctx.apiKey, platform });
    const run = await api.run(`${RUN.entity}/${RUN.project}/${RUN.run}`);
    const scan = run.scanHistory({ source, pageSize: PAGE, ...(keys ? { keys } : {}) });
    const rows = await countRows(scan, readAs, onRow);
    if (source === 'parquet')
      report?.({ exportRequests: counts.requests, exportMB: counts.bytes / 1024 ** 2 });
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

/**
 * The same scans from the run's Parquet exports (`source: 'parquet'`): the "limit" column is the
 * page path through wbapi (`source: 'pages'`), so the ratio is exports versus pages. The export
 * traffic (requests, MB of body) is in brackets; the files hold about `scanRows` × 13 doubles.
 */
export const historyScanParquet: Workload = {
  id: 'history-scan-parquet',
  title: 'Full history scan from Parquet exports (limit column: the page path)',
  unit: 'rows',
  client: clientScan(undefined, undefined, 'parquet'),
  limit: clientScan(undefined),
};

export const historyScanParquetKeys: Workload = {
  id: 'history-scan-parquet-keys',
  title: `History scan from Parquet exports, keys ${KEYS.join(',')} of ${10} (limit column: the page path)`,
  unit: 'rows',
  client: clientScan(KEYS, undefined, 'parquet'),
  limit: clientScan(KEYS),
};

/**
 * The Parquet scans read as column batches (`historyBatches(scan)`), against the page path read the
 * same way (the "limit" column): the same API on both sources, so the ratio is exports versus
 * pages for a reader that wants columns.
 */
export const historyScanParquetBatches: Workload = {
  id: 'history-scan-parquet-batches',
  title:
    'Full history scan as column batches, from Parquet exports (limit column: the page path, as batches)',
  unit: 'rows',
  client: clientScan(undefined, undefined, 'parquet', 'batches'),
  limit: clientScan(undefined, undefined, 'pages', 'batches'),
};

export const historyScanParquetBatchesKeys: Workload = {
  id: 'history-scan-parquet-batches-keys',
  title: `History scan as column batches, keys ${KEYS.join(',')} of ${10}, from Parquet exports (limit column: the page path, as batches)`,
  unit: 'rows',
  client: clientScan(KEYS, undefined, 'parquet', 'batches'),
  limit: clientScan(KEYS, undefined, 'pages', 'batches'),
};

/** A workload measured on its second run in the process (both variants): see `Workload.warmUp`. */
function warm(workload: Workload): Workload {
  return {
    ...workload,
    id: `${workload.id}-warm`,
    title: `${workload.title}; second scan in the process`,
    warmUp: true,
  };
}

export const historyScanParquetWarm = warm(historyScanParquet);
export const historyScanParquetKeysWarm = warm(historyScanParquetKeys);
export const historyScanParquetBatchesWarm = warm(historyScanParquetBatches);
export const historyScanParquetBatchesKeysWarm = warm(historyScanParquetBatchesKeys);

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
