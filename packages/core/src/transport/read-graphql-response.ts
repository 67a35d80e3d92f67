import { errorFromResponse, graphQLErrorsOf, redactSecrets, truncate } from '../errors/error-from-response';
import { MalformedResponseError } from '../errors/malformed-response-error';
import { parseWandbJson } from '../json/parse-wandb-json';
import { readBodyText } from './read-body-text';
import type { WandbError } from '../errors/wandb-error';
import type { TextReply } from './post-text';

/** What reading a GraphQL reply gives: the `data` and the size of the body text. */
export interface GraphQLReply<T> {
  /** The reply's `data`. */
  data: T;
  /** Length of the body text, used to size cache entries. */
  bodyChars: number;
}

/** A reply body parsed as W&B JSON, or `undefined` when it is empty or not JSON. */
export function parseReplyBody(bodyText: string): unknown {
  try {
    return bodyText === '' ? undefined : parseWandbJson(bodyText);
  } catch {
    return undefined;
  }
}

/** The error for a failed reply whose body has been read (see {@link errorFromResponse}). */
export function replyError(
  response: TextReply,
  bodyText: string,
  json: unknown,
  secrets: readonly string[],
  now: number,
  url = response.url,
): WandbError {
  const { status, statusText, headers } = response;
  return errorFromResponse({ status, statusText, url, headers, bodyText, json, secrets, now });
}

/**
 * Reads a GraphQL reply body first, then decides: JSON with `errors` → `GraphQLError`
 * (or the status's own class for 401/403/404/429), a 2xx with `data` → the data, a 2xx that is
 * not JSON or has neither `data` nor `errors` → {@link MalformedResponseError}, other non-2xx →
 * the class chosen by {@link errorFromResponse}.
 *
 * Errors while reading the body (a reset connection) propagate as they are, to be retried.
 * `onRead` is called after every chunk of the body (see {@link readBodyText}); `operationName`
 * names the operation in the errors.
 */
export async function readGraphQLResponse<T>(
  response: TextReply,
  secrets: readonly string[],
  now: () => number,
  onRead: () => void = () => undefined,
  operationName = 'the request',
): Promise<GraphQLReply<T>> {
  const own = response.ok ? await response.parsedBody?.() : undefined;
  const ownJson = own?.json;
  // Taken as it is only when it holds data and no errors; anything else is read again below.
  if (ownJson && typeof ownJson === 'object' && 'data' in ownJson && !graphQLErrorsOf(ownJson))
    return { data: ownJson.data as T, bodyChars: (own as { chars: number }).chars };
  const bodyText = await readBodyText(response, onRead);
  const json = parseReplyBody(bodyText);
  if (!response.ok || graphQLErrorsOf(json)) throw replyError(response, bodyText, json, secrets, now());
  if (json === null || typeof json !== 'object' || !('data' in json)) {
    const what = json === undefined ? 'is not JSON' : 'has neither data nor errors';
    throw new MalformedResponseError(
      `Malformed reply to ${operationName} (HTTP ${response.status}): body ${what}`,
      {
        status: response.status,
        bodyText: redactSecrets(truncate(bodyText, 1000), secrets),
      },
    );
  }
  return { data: (json as { data: T }).data, bodyChars: bodyText.length };
}
