import type { IncomingMessage, ServerResponse } from 'node:http';
import type { UserRow } from '../store/rows';
import type { Store } from '../store/store';
import { sendError } from './send';

/** The API key of an `Authorization: Basic base64("api:<key>")` header, or null. */
export function apiKeyOf(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  if (!header) return null;
  const match = /^Basic\s+(.+)$/i.exec(header.trim());
  if (!match) return null;
  const text = Buffer.from(match[1] as string, 'base64').toString('utf8');
  const colon = text.indexOf(':');
  if (colon < 0) return null;
  const key = text.slice(colon + 1);
  return key === '' ? null : key;
}

/** The user whose API key the request carries, or null for a missing or unknown key. */
export function viewerOf(req: IncomingMessage, store: Store): UserRow | null {
  const key = apiKeyOf(req);
  return key === null ? null : (store.userByApiKey(key) ?? null);
}

/** Answers 401 (the message never repeats the key). */
export function sendUnauthorized(req: IncomingMessage, res: ServerResponse): Promise<void> {
  req.resume();
  return sendError(req, res, 401, 'Invalid or missing API key', {
    'WWW-Authenticate': 'Basic realm="wandb"',
  });
}
