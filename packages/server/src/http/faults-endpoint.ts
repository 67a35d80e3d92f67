import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultConfig, FaultController } from '../faults/faults';
import type { Store } from '../store/store';
import { sendUnauthorized, viewerOf } from './auth';
import { readBody } from './read-body';
import { sendError, sendJson } from './send';

/** Path of the fault-control endpoint, for clients outside the server's process. */
export const FAULTS_PATH = '/__wbapi/faults';

/**
 * `GET /__wbapi/faults` answers the current fault configuration and counters; `PUT` replaces it
 * with the JSON body (a FaultConfig; `{}` turns faults off). Needs a valid API key; never faulted.
 */
export async function handleFaults(
  req: IncomingMessage,
  res: ServerResponse,
  store: Store,
  faults: FaultController,
): Promise<void> {
  if (!viewerOf(req, store)) return sendUnauthorized(req, res);
  if (req.method === 'PUT' || req.method === 'POST') {
    let config: unknown;
    try {
      config = JSON.parse((await readBody(req)).toString('utf8'));
    } catch {
      return sendError(req, res, 400, 'Request body is not valid JSON');
    }
    if (config === null || typeof config !== 'object' || Array.isArray(config)) {
      return sendError(req, res, 400, 'The fault configuration must be a JSON object');
    }
    faults.set(config as FaultConfig);
  } else if (req.method !== 'GET') {
    req.resume();
    return sendError(req, res, 405, 'Use GET or PUT', { Allow: 'GET, PUT' });
  }
  return sendJson(req, res, 200, { config: faults.current, stats: faults.stats });
}
