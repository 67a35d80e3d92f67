import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { DEMO_API_KEY, generateDemoDataset, loadFixture, type Dataset, type DemoOptions } from './demo';
import { addDemoArtifacts, type DemoArtifactOptions } from './demo/artifacts';
import { ExportService } from './exports/export-service';
import { FaultController, type FaultConfig } from './faults/faults';
import type { CorsOptions } from './http/cors';
import type { ReceivedRequest } from './http/received-request';
import { createHttpServer } from './http/server';
import { DEFAULT_QUERY_BUDGET_MS } from './query';
import { createExecutableSchema } from './schema/executable-schema';
import { Store } from './store/store';

/** Options of {@link startServer}. */
export interface StartServerOptions {
  /** TCP port; 0 picks a free one. @defaultValue 0 */
  port?: number;
  /** Interface to bind. @defaultValue '127.0.0.1' */
  host?: string;
  /** SQLite file to keep the data in; in memory when absent. */
  dataPath?: string;
  /**
   * Load the demo data set (`true` for the default size, or generator options), with the demo
   * artifacts and registry (`largeArtifactBytes` sizes the dataset's large file).
   */
  demo?: boolean | (DemoOptions & DemoArtifactOptions);
  /** Load this data set (e.g. built in a test). */
  dataset?: Dataset;
  /** Load a JSON fixture: a file path or the already parsed value. */
  fixture?: string | object;
  /** API keys accepted (each gets a user when no user holds it yet); the first is returned as `apiKey`. */
  apiKeys?: string[];
  /** Initial fault injection (change it later through `server.faults`). */
  faults?: FaultConfig;
  /** Browser origins allowed by CORS (default: none). */
  cors?: CorsOptions | string[];
  /** Use this store instead of opening one (it is not closed by `close()`). */
  store?: Store;
  /**
   * Time budget of each GraphQL query in milliseconds (checked by every resolver, between slices
   * of a runs scan and by `regexp`); past it the query answers one `QueryBudgetError` message.
   * Mutations have none. @defaultValue 10000 (`DEFAULT_QUERY_BUDGET_MS`)
   */
  queryBudgetMs?: number;
  /** Called with unexpected errors (bugs, storage failures); silent by default. */
  log?: (error: Error) => void;
  /**
   * Export a run's history to Parquet this many ms after `upsertBucket` marks it `finished`
   * (rows logged later stay live). No automatic export when absent; `store.exportHistory` any time.
   */
  exportDelayMs?: number;
  /** Lifetime of the signed history export URLs in ms. @defaultValue 3600000 */
  exportUrlTtlMs?: number;
  /**
   * Called with the method, path and headers of every request received (CORS preflights
   * included), before it is answered: to check what a client sends.
   * @example
   * ```ts
   * const seen: ReceivedRequest[] = [];
   * const server = await startServer({ demo: true, onRequest: (r) => seen.push(r) });
   * ```
   */
  onRequest?: (request: ReceivedRequest) => void;
}

/** A running server. */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:41234` (set `WANDB_BASE_URL` to it). */
  url: string;
  /** An API key the server accepts. */
  apiKey: string;
  /** The storage behind the server (add runs, history, files at any time). */
  store: Store;
  /** Fault injection, changeable while the server runs. */
  faults: FaultController;
  /** Stops listening, drops open connections and closes the store (unless it was given). */
  close(): Promise<void>;
}

function ensureUsers(store: Store, keys: readonly string[]): void {
  keys.forEach((apiKey, i) => {
    if (store.userByApiKey(apiKey)) return;
    let username = i === 0 ? 'local' : `local${i + 1}`;
    while (store.prepare('SELECT 1 FROM users WHERE username = ?').get(username)) username += '_';
    store.addUser({ username, name: 'Local User', email: `${username}@localhost`, apiKey, entity: username });
  });
}

function firstKey(store: Store): string | undefined {
  return store.prepare<{ api_key: string }>('SELECT api_key FROM users ORDER BY id LIMIT 1').get()?.api_key;
}

/**
 * Starts a local W&B-compatible server: `POST /graphql` and file bytes over HTTP, backed by
 * SQLite. Binds 127.0.0.1 on a free port unless told otherwise.
 *
 * @example
 * const server = await startServer({ demo: true });
 * process.env.WANDB_BASE_URL = server.url;
 * // ... use any W&B client with server.apiKey ...
 * await server.close();
 */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const store = options.store ?? new Store(options.dataPath ? { path: options.dataPath } : {});
  try {
    const datasets: Dataset[] = [];
    if (options.demo) datasets.push(generateDemoDataset(options.demo === true ? {} : options.demo));
    if (options.fixture !== undefined) {
      const json: unknown =
        typeof options.fixture === 'string'
          ? JSON.parse(readFileSync(options.fixture, 'utf8'))
          : options.fixture;
      datasets.push(loadFixture(json));
    }
    if (options.dataset) datasets.push(options.dataset);
    for (const dataset of datasets) store.importDataset(dataset);
    if (options.demo) addDemoArtifacts(store, options.demo === true ? {} : options.demo);
    const keys = options.apiKeys ?? [];
    ensureUsers(store, keys);
    let apiKey = keys[0] ?? (options.demo ? DEMO_API_KEY : firstKey(store));
    if (!apiKey) {
      apiKey = randomBytes(20).toString('hex');
      ensureUsers(store, [apiKey]);
    }
    const faults = new FaultController(options.faults ?? {});
    const exports = new ExportService(store, faults, {
      ...(options.exportDelayMs === undefined ? {} : { exportDelayMs: options.exportDelayMs }),
      ...(options.exportUrlTtlMs === undefined ? {} : { urlTtlMs: options.exportUrlTtlMs }),
      ...(options.log ? { log: options.log } : {}),
    });
    const cors = Array.isArray(options.cors) ? { origins: options.cors } : options.cors;
    const server = createHttpServer({
      store,
      schema: createExecutableSchema(),
      faults,
      queryBudgetMs: options.queryBudgetMs ?? DEFAULT_QUERY_BUDGET_MS,
      exports,
      ...(cors ? { cors } : {}),
      ...(options.log ? { log: options.log } : {}),
      ...(options.onRequest ? { onRequest: options.onRequest } : {}),
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return {
      url: `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${address.port}`,
      apiKey,
      store,
      faults,
      close: () =>
        new Promise<void>((resolve) => {
          exports.close();
          server.close(() => {
            if (!options.store) store.close();
            resolve();
          });
          server.closeAllConnections();
        }),
    };
  } catch (error) {
    if (!options.store) store.close();
    throw error;
  }
}
