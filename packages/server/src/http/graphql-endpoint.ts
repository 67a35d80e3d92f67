import { execute, getOperationAST, type DocumentNode, type GraphQLError, type GraphQLSchema } from 'graphql';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ExportService } from '../exports/export-service';
import type { FaultDecision } from '../faults/faults';
import { QueryBudgetError, QueryDeadline } from '../query/query-budget';
import type { Context } from '../schema/context';
import type { Store } from '../store/store';
import { sendUnauthorized, viewerOf } from './auth';
import type { DocumentCache } from './document-cache';
import { formatError } from './format-error';
import { BodyTooLargeError, readBody } from './read-body';
import { sendError, sendJson } from './send';

/** What the GraphQL endpoint needs from the server. */
export interface GraphqlEndpointDeps {
  schema: GraphQLSchema;
  store: Store;
  documents: DocumentCache;
  /** Time budget of each query, in milliseconds (mutations have none: they are not cut halfway). */
  queryBudgetMs: number;
  /** The documents to validate with now (the fault switch `parquetHistoryUnsupported` picks a smaller schema). */
  currentDocuments?: () => DocumentCache;
  /** Export URLs and scheduled exports. */
  exports?: ExportService;
  log?: (error: Error) => void;
}

interface RequestPayload {
  query: string;
  variables: Record<string, unknown> | undefined;
  operationName: string | undefined;
}

function readPayload(raw: Buffer): RequestPayload | string {
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    return 'Request body is not valid JSON';
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return 'Request body must be a JSON object with a "query" string';
  }
  const { query, variables, operationName } = body as Record<string, unknown>;
  if (typeof query !== 'string' || query.trim() === '')
    return 'Request body must have a non-empty "query" string';
  if (
    variables !== undefined &&
    variables !== null &&
    (typeof variables !== 'object' || Array.isArray(variables))
  ) {
    return '"variables" must be a JSON object';
  }
  return {
    query,
    variables: (variables ?? undefined) as Record<string, unknown> | undefined,
    // Clients send no operationName or an empty one: both mean "the only operation".
    operationName: typeof operationName === 'string' && operationName !== '' ? operationName : undefined,
  };
}

/** True when the operation selects only `viewer` (the SDK's anonymous login check). */
function asksOnlyViewer(document: DocumentNode, operationName: string | undefined): boolean {
  const operation = getOperationAST(document, operationName);
  if (!operation || operation.operation !== 'query') return false;
  return operation.selectionSet.selections.every(
    (s) => s.kind === 'Field' && (s.name.value === 'viewer' || s.name.value === '__typename'),
  );
}

function baseUrlOf(req: IncomingMessage, fallback: string): string {
  const host = req.headers.host;
  return host ? `http://${host}` : fallback;
}

/** The errors of a result with the budget error of every field past the deadline told once. */
function budgetErrorOnce(errors: readonly GraphQLError[]): readonly GraphQLError[] {
  let told = false;
  return errors.filter((e) => {
    if (!(e.originalError instanceof QueryBudgetError)) return true;
    if (told) return false;
    told = true;
    return true;
  });
}

/**
 * `POST /graphql`: reads the JSON body, authenticates the API key (401 when unknown, except for
 * the viewer-only login check, which answers `viewer: null`), executes against the schema and
 * answers in one write. Bad JSON, a missing query, syntax and validation errors are 400.
 */
export async function handleGraphql(
  req: IncomingMessage,
  res: ServerResponse,
  deps: GraphqlEndpointDeps,
  fault: FaultDecision,
  fallbackBaseUrl: string,
): Promise<void> {
  let raw: Buffer;
  try {
    raw = await readBody(req);
  } catch (error) {
    if (error instanceof BodyTooLargeError)
      return sendError(req, res, 413, error.message, { Connection: 'close' });
    throw error;
  }
  const payload = readPayload(raw);
  if (typeof payload === 'string') return sendError(req, res, 400, payload);
  const cached = (deps.currentDocuments?.() ?? deps.documents).get(payload.query);
  if (cached.errors) {
    return sendJson(req, res, 400, { errors: cached.errors.map((e) => formatError(e)) });
  }
  const viewer = viewerOf(req, deps.store);
  if (!viewer && !asksOnlyViewer(cached.document, payload.operationName)) return sendUnauthorized(req, res);
  const context: Context = {
    store: deps.store,
    viewer,
    baseUrl: baseUrlOf(req, fallbackBaseUrl),
    projects: new Map(),
    runs: new Map(),
    users: new Map(),
    deadline: new QueryDeadline(
      getOperationAST(cached.document, payload.operationName)?.operation === 'mutation'
        ? Infinity
        : deps.queryBudgetMs,
    ),
    ...(deps.exports ? { exports: deps.exports } : {}),
  };
  const result = await execute({
    schema: deps.schema,
    document: cached.document,
    variableValues: payload.variables,
    operationName: payload.operationName,
    contextValue: context,
  });
  const body: Record<string, unknown> = {};
  if (result.errors) body.errors = budgetErrorOnce(result.errors).map((e) => formatError(e, deps.log));
  // Without `data` the request itself was refused (e.g. a variable of the wrong type): 400.
  const status = 'data' in result ? 200 : 400;
  if ('data' in result) body.data = result.data;
  return sendJson(req, res, status, body, {}, fault.reset === true, fault.drip);
}
