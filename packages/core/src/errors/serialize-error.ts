/** Deepest `cause` chain written by {@link serializeError}. */
const MAX_CAUSES = 8;

/**
 * A plain object for JSON and logs: `name`, `message`, the error's own enumerable properties
 * (`status`, `bodyText`, ...) and its `cause`, serialised the same way. No stack. wbapi's errors
 * are redacted when made (errors/redaction.ts), so what this returns holds no API key.
 *
 * @example JSON.stringify(error) // '{"name":"HttpError","message":"HTTP 500: ...","status":500,...}'
 */
export function serializeError(error: unknown, depth = 0): unknown {
  if (!(error instanceof Error)) return error;
  const out: Record<string, unknown> = { name: error.name, message: error.message };
  for (const [key, value] of Object.entries(error)) {
    if (key !== 'cause' && key !== 'stack') out[key] = value;
  }
  if (error.cause !== undefined && depth < MAX_CAUSES) out.cause = serializeError(error.cause, depth + 1);
  return out;
}
