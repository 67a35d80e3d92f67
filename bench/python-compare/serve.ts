// Serves the bench data set for the comparison with the official Python client
// (python-compare/README.md): the same runs and history as `pnpm bench`, on a fixed port.
import { Store, startServer } from '@wbapi/server';
import { benchDataset, BENCH_API_KEY, type BenchSizes } from '../lib/datasets';

/** A 100,000-row scan run (10 keys, exported to Parquet) and a 5,000-run project. */
export const COMPARE_SIZES: BenchSizes = {
  scanRows: 100_000,
  scanKeys: 10,
  listRuns: 5_000,
  sampledRuns: 3,
  sampledRowsPerRun: 10,
  fileBytes: 1024,
  artifactFiles: 0,
  artifactFileBytes: 1,
};

const port = Number(process.argv[2] ?? 18181);
const store = new Store({});
store.importDataset(benchDataset(COMPARE_SIZES));
const server = await startServer({ store, apiKeys: [BENCH_API_KEY], port });
console.log(`export WANDB_BASE_URL=${server.url} WANDB_API_KEY=${BENCH_API_KEY}`);
