#!/usr/bin/env node
import { parseArgs } from 'node:util';
import type { FaultConfig } from './faults/faults';
import { describeData } from './demo/describe-data';
import { startServer, type StartServerOptions } from './start-server';

const HELP = `Usage: wbapi-server [options]

A local Weights & Biases-compatible server (GraphQL + file bytes, SQLite).

Options:
  --port <n>          port to listen on (default 8080; 0 picks a free port)
  --host <addr>       interface to bind (default 127.0.0.1)
  --data <file>       keep data in this SQLite file (default: in memory)
  --demo              load the demo data set
  --fixture <file>    load a JSON fixture
  --api-key <key>     accept this API key (repeatable; default: the demo key or a new one)
  --cors <origin>     allow this browser origin (repeatable; '*' for any)
  --latency <ms>      add latency to every response
  --error-rate <f>    answer this fraction of requests with 500/502/503
  --export-delay <ms> export a run's history to Parquet this long after it finishes
  --faults <json>     initial fault configuration (FaultConfig JSON); change it while the
                      server runs with PUT /__wbapi/faults (same JSON, API key required)
  --help              show this help
`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8080' },
      host: { type: 'string', default: '127.0.0.1' },
      data: { type: 'string' },
      demo: { type: 'boolean', default: false },
      fixture: { type: 'string' },
      'api-key': { type: 'string', multiple: true },
      cors: { type: 'string', multiple: true },
      latency: { type: 'string' },
      'error-rate': { type: 'string' },
      faults: { type: 'string' },
      'export-delay': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const options: StartServerOptions = {
    port: Number(values.port),
    host: values.host,
    demo: values.demo,
    faults: {
      ...(values.faults ? (JSON.parse(values.faults) as FaultConfig) : {}),
      ...(values.latency ? { latencyMs: Number(values.latency) } : {}),
      ...(values['error-rate'] ? { errorRate: Number(values['error-rate']) } : {}),
    },
    log: (error) => process.stderr.write(`wbapi-server: ${error.stack ?? error.message}\n`),
  };
  if (values.data) options.dataPath = values.data;
  if (values['export-delay']) options.exportDelayMs = Number(values['export-delay']);
  if (values.fixture) options.fixture = values.fixture;
  if (values['api-key']) options.apiKeys = values['api-key'];
  if (values.cors) options.cors = values.cors.includes('*') ? { origins: '*' } : values.cors;
  const server = await startServer(options);
  process.stdout.write(
    `wbapi-server listening on ${server.url}\n\n  export WANDB_BASE_URL=${server.url}\n  export WANDB_API_KEY=${server.apiKey}\n\n` +
      `${values.demo ? 'Demo data (entity demo, its user demo holds the key above):' : 'Data:'}\n${describeData(server.store)}\n` +
      (values.demo ? 'Try: npx @wbapi/cli runs demo/mnist (with the two variables above)\n\n' : ''),
  );
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`wbapi-server: ${(error as Error).message}\n`);
  process.exit(1);
});
