import { artifactLargeFile, artifactManyFiles } from './artifact-download';
import { download } from './download';
import { exportWorkloads } from './export';
import {
  historyScan,
  historyScanKeys,
  historyScanParquet,
  historyScanParquetBatches,
  historyScanParquetBatchesKeys,
  historyScanParquetBatchesKeysWarm,
  historyScanParquetBatchesWarm,
  historyScanParquetKeysWarm,
  historyScanParquetWarm,
  historyScanParquetKeys,
  memoryGrowth,
} from './history-scan';
import { runsListing50, runsListing500 } from './runs-listing';
import { sampledHistory, sampledHistorySequential } from './sampled-history';
import { serverHistoryPage, serverRunsPage } from './server-latency';
import type { Workload } from './types';

/** Every workload, in the order the table shows them. */
export const workloads: Workload[] = [
  historyScan,
  historyScanKeys,
  historyScanParquet,
  historyScanParquetKeys,
  historyScanParquetBatches,
  historyScanParquetBatchesKeys,
  historyScanParquetWarm,
  historyScanParquetKeysWarm,
  historyScanParquetBatchesWarm,
  historyScanParquetBatchesKeysWarm,
  runsListing50,
  runsListing500,
  sampledHistorySequential,
  sampledHistory,
  download,
  artifactManyFiles,
  artifactLargeFile,
  memoryGrowth,
  serverHistoryPage,
  serverRunsPage,
  ...exportWorkloads,
];
