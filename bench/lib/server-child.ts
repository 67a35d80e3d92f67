// Child process that hosts the local server for the benchmarks. The server runs in its own
// process so that its CPU and memory (SQLite, JSON encoding) are not charged to the client
// being measured, as they would be in-process: the client's figures are then the client's own.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Store, startServer } from '@wbapi/server';
import { addBenchArtifacts, benchDataset, BENCH_API_KEY, type BenchSizes } from './datasets';

const sizes = JSON.parse(process.argv[2] ?? '{}') as BenchSizes;
const cacheDir = process.argv[3];

function openStore(): Store {
  if (!cacheDir) {
    const store = new Store({});
    store.importDataset(benchDataset(sizes));
    addBenchArtifacts(store, sizes);
    return store;
  }
  mkdirSync(cacheDir, { recursive: true });
  // A cached database is reused only by the same sizes and the same server build.
  const serverBuild = readFileSync(createRequire(import.meta.url).resolve('@wbapi/server'));
  const key = `${Object.values(sizes).join('-')}-${createHash('sha1').update(serverBuild).digest('hex').slice(0, 10)}`;
  const path = join(cacheDir, `bench-${key}.sqlite`);
  const ready = `${path}.ready`;
  if (existsSync(path) && existsSync(ready)) return new Store({ path });
  const store = new Store({ path });
  store.importDataset(benchDataset(sizes));
  addBenchArtifacts(store, sizes);
  mkdirSync(ready, { recursive: true });
  return store;
}

const started = performance.now();
const store = openStore();
const server = await startServer({ store, apiKeys: [BENCH_API_KEY] });
process.send?.({ url: server.url, apiKey: BENCH_API_KEY, loadMs: performance.now() - started });
process.on('message', (message) => {
  if (message === 'stop') void server.close().then(() => process.exit(0));
});
