import { startServer, type RunningServer } from '@wbapi/server';
import { Api, type ApiOptions } from '../../src';
import { loadParquetReader, webPlatform } from '../../src/internal';
import { API_KEY, testDataset } from './dataset';

/** A local server loaded with {@link testDataset}, on 127.0.0.1 and a free port. */
export function startTestServer(): Promise<RunningServer> {
  return startServer({ port: 0, host: '127.0.0.1', dataset: testDataset() });
}

/** Sleeps recorded instead of waited, so that retries cost no time in tests. */
export interface SleepLog {
  /** Every backoff the client asked for, in ms. */
  delays: number[];
}

/**
 * An Api against `server` with no caching, tiny retry delays, recorded (not waited) sleeps, and
 * the Parquet reader (so that scans read history exports, as on Node).
 */
export function testApi(server: RunningServer, options: ApiOptions = {}): Api & { sleeps: SleepLog } {
  const sleeps: SleepLog = { delays: [] };
  const api = new Api({
    baseUrl: server.url,
    apiKey: API_KEY,
    cache: false,
    retry: { baseDelayMs: 1, maxDelayMs: 5_000, budgetMs: 60_000, jitter: 0 },
    clock: {
      sleep: (ms: number, signal: AbortSignal | undefined) => {
        sleeps.delays.push(ms);
        signal?.throwIfAborted();
        return Promise.resolve();
      },
    },
    platform: { ...webPlatform, parquetReader: loadParquetReader },
    ...options,
  });
  return Object.assign(api, { sleeps });
}
