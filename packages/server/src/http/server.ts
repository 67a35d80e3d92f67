import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FaultController } from '../faults/faults';
import { type FaultConfig, type FaultTarget } from '../faults/faults';
import { EXPORTS_PATH, type ExportService } from '../exports/export-service';
import { createExecutableSchema } from '../schema/executable-schema';
import type { Store } from '../store/store';
import { answerPreflight, applyCors, type CorsOptions } from './cors';
import { DocumentCache } from './document-cache';
import { FAULTS_PATH, handleFaults } from './faults-endpoint';
import { handleArtifactRequest, isArtifactPath } from '../artifacts/http';
import { handleExport } from './exports-endpoint';
import { handleFile } from './files-endpoint';
import { handleGraphql, type GraphqlEndpointDeps } from './graphql-endpoint';
import { receivedRequest, type ReceivedRequest } from './received-request';
import { sendError, sendJson } from './send';
import type { GraphQLSchema } from 'graphql';

/** What the HTTP layer needs. */
export interface HttpServerOptions {
  store: Store;
  schema: GraphQLSchema;
  faults: FaultController;
  cors?: CorsOptions;
  /** Time budget of each GraphQL query, in milliseconds. */
  queryBudgetMs: number;
  /** History export URLs and scheduled exports. */
  exports?: ExportService;
  log?: (error: Error) => void;
  onRequest?: (request: ReceivedRequest) => void;
}

function targetOf(pathname: string): FaultTarget | null {
  if (pathname === '/graphql') return 'graphql';
  // Artifact and export URLs are file downloads too: every file fault applies to them.
  if (pathname.startsWith('/files/') || isArtifactPath(pathname) || pathname.startsWith(EXPORTS_PATH)) {
    return 'files';
  }
  return null;
}

async function route(
  req: IncomingMessage,
  res: ServerResponse,
  options: HttpServerOptions,
  deps: GraphqlEndpointDeps,
  baseUrl: () => string,
): Promise<void> {
  const pathname = (req.url ?? '/').split('?')[0] as string;
  options.onRequest?.(receivedRequest(req));
  if (req.method === 'OPTIONS') return answerPreflight(req, res, options.cors);
  applyCors(req, res, options.cors);
  if (pathname === FAULTS_PATH) return handleFaults(req, res, options.store, options.faults);
  const target = targetOf(pathname);
  if (!target) return sendError(req, res, 404, `No route for ${pathname}`);
  const fault = options.faults.decide(target);
  if (fault.latencyMs > 0) await sleep(fault.latencyMs);
  if (fault.status !== undefined) {
    req.resume();
    const headers: Record<string, string> =
      fault.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(fault.retryAfterSeconds) };
    return sendError(req, res, fault.status, `Injected fault: HTTP ${fault.status}`, headers);
  }
  if (fault.graphqlError !== undefined && target === 'graphql') {
    req.resume();
    return sendJson(req, res, 200, { errors: [{ message: fault.graphqlError }], data: null });
  }
  if (target === 'graphql') {
    if (req.method !== 'POST')
      return sendError(req, res, 405, 'Use POST for /graphql', { Allow: 'POST, OPTIONS' });
    return handleGraphql(req, res, deps, fault, baseUrl());
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return sendError(req, res, 405, 'Use GET for files', { Allow: 'GET, HEAD, OPTIONS' });
  }
  if (isArtifactPath(pathname)) {
    return handleArtifactRequest(req, res, options.store, new URL(req.url ?? '/', 'http://local'), fault);
  }
  if (pathname.startsWith(EXPORTS_PATH) && options.exports) {
    return handleExport(req, res, options.store, options.exports, options.faults, fault);
  }
  return handleFile(req, res, options.store, pathname, fault);
}

/**
 * The node:http server: `POST /graphql`, `GET /files/...`, CORS preflight; `TCP_NODELAY` on every
 * connection so a one-write response is not held back by delayed ACKs.
 */
export function createHttpServer(options: HttpServerOptions): Server {
  let withoutParquet: DocumentCache | undefined;
  const deps: GraphqlEndpointDeps = {
    schema: options.schema,
    store: options.store,
    documents: new DocumentCache(options.schema),
    queryBudgetMs: options.queryBudgetMs,
    currentDocuments: () => {
      if (!options.faults.current.parquetHistoryUnsupported) return deps.documents;
      withoutParquet ??= new DocumentCache(createExecutableSchema({ withoutParquetHistory: true }));
      return withoutParquet;
    },
    ...(options.exports ? { exports: options.exports } : {}),
    ...(options.log ? { log: options.log } : {}),
  };
  const server = createServer({ noDelay: true, keepAlive: true }, (req, res) => {
    route(req, res, options, deps, () => {
      const address = server.address() as AddressInfo | null;
      return address ? `http://127.0.0.1:${address.port}` : 'http://127.0.0.1';
    }).catch((error: unknown) => {
      options.log?.(error as Error);
      if (res.headersSent) res.destroy();
      else sendError(req, res, 500, 'Internal server error').catch(() => res.destroy());
    });
  });
  server.on('connection', (socket) => socket.setNoDelay(true));
  return server;
}

/** Re-exported for the server options. */
export type { FaultConfig };
