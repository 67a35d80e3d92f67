import { MalformedResponseError } from './malformed-response-error';

/** A MalformedResponseError for a successful (200) reply whose data has the wrong shape. */
export function malformedReply(message: string): MalformedResponseError {
  return new MalformedResponseError(message, { status: 200 });
}
