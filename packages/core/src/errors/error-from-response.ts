import { parseRetryAfter } from '../transport/retry-after';
import { AuthenticationError } from './authentication-error';
import { GraphQLError, type GraphQLErrorEntry } from './graphql-error';
import { HttpError } from './http-error';
import { NotFoundError } from './not-found-error';
import { RateLimitError } from './rate-limit-error';
import { redactText } from './redaction';
import type { WandbError } from './wandb-error';

/** Longest message taken from a server reply. */
const MAX_MESSAGE_CHARS = 500;
/** Longest body excerpt kept on an error. */
const MAX_BODY_CHARS = 1000;

/** Messages for statuses whose reply said nothing useful. */
const DEFAULT_MESSAGES: Record<number, string> = {
  401: 'The API key is invalid or missing (HTTP 401)',
  403: 'Permission denied for this resource (HTTP 403)',
  404: 'Resource not found; check the path (HTTP 404)',
  429: 'Rate limited by the server (HTTP 429)',
};

/** What {@link errorFromResponse} needs to know about a failed reply. */
export interface FailedResponse {
  /** HTTP status. */
  status: number;
  /** HTTP status text. */
  statusText?: string;
  /** Request URL (redacted before it is kept). */
  url?: string;
  /** Response headers (for `Retry-After`). */
  headers?: Pick<Headers, 'get'>;
  /** Raw body text, if it was read. */
  bodyText?: string;
  /** Body parsed as JSON, if it was JSON. */
  json?: unknown;
  /** Strings that must never appear in the error (the API key); replaced by `***`. */
  secrets?: readonly string[];
  /** Current time for HTTP-date `Retry-After` values. */
  now?: number;
}

/** Cuts text to `max` characters, marking the cut. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Replaces every secret in `text`, and every fragment of 8 characters or more of one, with `***` (see redaction.ts). */
export function redactSecrets(text: string, secrets: readonly string[] | undefined): string {
  return redactText(text, secrets);
}

/** Returns the GraphQL `errors` array of a parsed body, if it has a non-empty one. */
export function graphQLErrorsOf(json: unknown): GraphQLErrorEntry[] | null {
  if (json === null || typeof json !== 'object') return null;
  const errors = (json as { errors?: unknown }).errors;
  if (!Array.isArray(errors) || errors.length === 0) return null;
  return errors.map((entry: unknown) =>
    entry !== null &&
    typeof entry === 'object' &&
    typeof (entry as { message?: unknown }).message === 'string'
      ? (entry as GraphQLErrorEntry)
      : { message: typeof entry === 'string' ? entry : JSON.stringify(entry) },
  );
}

/**
 * The distinct messages of a GraphQL `errors` array joined with `'; '` and truncated (a bad
 * filter fails both `runs` and `runCount`: the user should read it once).
 */
export function joinGraphQLMessages(errors: readonly GraphQLErrorEntry[]): string {
  return truncate([...new Set(errors.map((entry) => entry.message))].join('; '), MAX_MESSAGE_CHARS);
}

/** The server's own words: GraphQL messages, `{"error": "..."}`, or a short plain-text body. */
function serverMessage(input: FailedResponse, errors: GraphQLErrorEntry[] | null): string | null {
  if (errors) return joinGraphQLMessages(errors);
  const json = input.json as { error?: unknown; message?: unknown } | null | undefined;
  if (json && typeof json === 'object') {
    if (typeof json.error === 'string') return truncate(json.error, MAX_MESSAGE_CHARS);
    if (typeof json.message === 'string') return truncate(json.message, MAX_MESSAGE_CHARS);
  }
  const text = input.bodyText?.trim() ?? '';
  // Plain short bodies are useful ("rate limited"); HTML error pages are noise.
  if (json === undefined && text !== '' && text.length <= 200 && !text.startsWith('<')) return text;
  return null;
}

/**
 * Chooses the error class for a failed reply, body first:
 * 401/403 → {@link AuthenticationError}, 404 → {@link NotFoundError}, 429 → {@link RateLimitError}
 * (with `retryAfterMs`), any other status with a GraphQL `errors` body → {@link GraphQLError}
 * (carrying the status), anything else → {@link HttpError}. HTTP errors keep `Retry-After` as `retryAfterMs`.
 *
 * Also used for a 200 with `errors` (→ {@link GraphQLError}). Secrets are removed from every string kept.
 */
export function errorFromResponse(input: FailedResponse): WandbError {
  const errors = graphQLErrorsOf(input.json);
  const said = serverMessage(input, errors);
  const redact = (text: string): string => redactSecrets(text, input.secrets);
  const { status } = input;
  const statusText = input.statusText ?? '';
  const init = {
    status,
    statusText,
    url: input.url,
    bodyText: truncate(redact(input.bodyText ?? ''), MAX_BODY_CHARS),
    retryAfterMs: parseRetryAfter(input.headers?.get('retry-after'), input.now),
  };
  const message = redact(
    said ?? DEFAULT_MESSAGES[status] ?? `HTTP ${status}${statusText ? ` (${statusText})` : ''}`,
  );

  if (status === 401 || status === 403) return new AuthenticationError(message, init);
  if (status === 404) return new NotFoundError(message, init);
  if (status === 429) return new RateLimitError(message, init);
  if (errors) {
    const data = (input.json as { data?: unknown }).data ?? null;
    return new GraphQLError(message, { errors, data, status });
  }
  return new HttpError(said === null ? message : redact(`HTTP ${status}: ${said}`), init);
}
