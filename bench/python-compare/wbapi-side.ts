// The wbapi side of the comparison with the official Python client (python-compare/README.md):
// the same listing and scans as python_side.py, against the server of serve.ts.
import { Api } from '@wbapi/node';

const api = new Api({
  baseUrl: process.env['WANDB_BASE_URL'] ?? 'http://127.0.0.1:18181',
  apiKey: process.env['WANDB_API_KEY'] ?? '',
});

async function measure(label: string, items: () => AsyncIterable<unknown>): Promise<void> {
  const wallStart = performance.now();
  const cpuStart = process.cpuUsage();
  let n = 0;
  for await (const _ of items()) n++;
  const wall = (performance.now() - wallStart) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  console.log(
    `${label}: ${n} items, ${wall.toFixed(2)} s, ${Math.round(n / wall)} items/s, ` +
      `${((cpuSeconds / n) * 1e6).toFixed(1)} µs CPU/item`,
  );
}

const keys = ['metric_0', 'metric_1'];
// No response cache: every listing goes to the server, as the Python client's does.
await measure('listing, full', () => api.runs('bench/listing', { perPage: 50, cache: false }));
await measure('listing, lazy', () => api.runs('bench/listing', { perPage: 50, lazy: true, cache: false }));
const run = await api.run('bench/scan/scanrun');
await measure('scan, all keys, pages', () => run.scanHistory({ source: 'pages' }));
await measure('scan, 2 keys, pages', () => run.scanHistory({ source: 'pages', keys }));
await measure('scan, all keys, Parquet', () => run.scanHistory({ source: 'parquet' }));
await measure('scan, 2 keys, Parquet', () => run.scanHistory({ source: 'parquet', keys }));
