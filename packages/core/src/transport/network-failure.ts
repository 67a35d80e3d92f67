import { redactUrl } from '../errors/http-error';
import { NetworkError } from '../errors/network-error';

/** The innermost error of a `cause` chain (and the first of an `AggregateError`), with the first system code met on the way down. */
function rootCause(error: unknown): { root: unknown; code: string } {
  let root = error;
  let code = '';
  for (let depth = 0; depth < 8 && typeof root === 'object' && root !== null; depth++) {
    const found = (root as { code?: unknown }).code;
    if (typeof found === 'string' && found !== '') code = found;
    const next =
      (root as { cause?: unknown }).cause ??
      (root instanceof AggregateError ? (root.errors as unknown[])[0] : undefined);
    if (next === undefined || next === null) break;
    root = next;
  }
  return { root, code };
}

/** Whether the code runs in a page or worker: a fetch that fails there with no reply may be CORS. */
function inBrowser(): boolean {
  return typeof (globalThis as { location?: unknown }).location === 'object';
}

/**
 * The {@link NetworkError} for what a failed fetch threw: the operation, the URL and the root
 * cause on one line (Node's `fetch failed` hides `connect ECONNREFUSED 127.0.0.1:9` two
 * `cause` levels down). A bare `TypeError` in a browser, which is all a page learns of a refused
 * connection as well as of a CORS refusal, says that either may be the reason.
 */
export function networkFailure(error: unknown, operationName: string, url: string | undefined): NetworkError {
  const found = rootCause(error);
  const root = found.root;
  // The Fetch standard blocks some ports (9, 25, 6000, ...): no retry can ever reach them.
  const code = !found.code && root instanceof Error && root.message === 'bad port' ? 'BAD_PORT' : found.code;
  const message = (value: unknown): string => (value instanceof Error ? value.message : String(value));
  let detail = message(root) || message(error) || code || 'no reply';
  if (code === 'BAD_PORT') detail += ' (fetch never connects to this port: use another one)';
  if (!code && root === error && error instanceof TypeError && inBrowser()) {
    detail += ' (server unreachable, or CORS: see the browser console)';
  }
  const where = url ? ` (${redactUrl(url)})` : '';
  return new NetworkError(`Network error during ${operationName || 'request'}${where}: ${detail}`, {
    cause: error,
    ...(url ? { url: redactUrl(url) } : {}),
    ...(code ? { code } : {}),
  });
}
