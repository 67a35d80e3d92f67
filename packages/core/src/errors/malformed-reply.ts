import { parseWandbJson } from '../json/parse-wandb-json';
import { MalformedResponseError } from './malformed-response-error';

/** A MalformedResponseError for a successful (200) reply whose data has the wrong shape. */
export function malformedReply(message: string): MalformedResponseError {
  return new MalformedResponseError(message, { status: 200 });
}

/** W&B JSON text of a reply field, parsed. @throws MalformedResponseError naming `field` when it is not valid JSON. */
export function parseReplyJson(field: string, text: unknown): unknown {
  try {
    return parseWandbJson(text as string);
  } catch {
    throw malformedReply(`${field} is not valid JSON`);
  }
}
