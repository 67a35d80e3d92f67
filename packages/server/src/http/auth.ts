import type { IncomingMessage } from 'node:http';

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
