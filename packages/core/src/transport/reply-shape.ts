import { MalformedResponseError } from '../errors/malformed-response-error';
import { documentInfo, type Selection } from './document-info';

/** What is wrong with `value` for `fields`, or null; `path` names where. */
function problemOf(fields: Selection[], value: unknown, path: string): string | null {
  if (value === null) return null;
  if (Array.isArray(value)) {
    for (let k = 0; k < value.length; k++) {
      const problem = problemOf(fields, value[k], `${path}[${k}]`);
      if (problem) return problem;
    }
    return null;
  }
  if (typeof value !== 'object') return `${path} is ${typeof value}, not an object`;
  const record = value as Record<string, unknown>;
  for (const field of fields) {
    const at = path === '' ? field.key : `${path}.${field.key}`;
    // An absent field reads as null (readers treat both alike).
    if (!(field.key in record)) continue;
    if (field.fields && !field.optional) {
      const problem = problemOf(field.fields, record[field.key], at);
      if (problem) return problem;
    }
  }
  return null;
}

/**
 * Checks a GraphQL reply's `data` against what the document selects: an object, with objects or
 * lists of them (or null) wherever the document selects inside. An absent field reads as null, as
 * the readers treat both alike (and turn a missing project or run into NotFoundError, a missing
 * page into PaginationError).
 * The code that reads a reply can then rely on its shape, and a broken proxy or server is a typed
 * error naming the operation, never a `TypeError` later.
 *
 * @throws MalformedResponseError such as `Malformed reply to Runs: project.runs is string, not an object`.
 */
export function checkReplyShape(document: string, data: unknown, operationName: string): void {
  const { fields } = documentInfo(document);
  const problem =
    data === null || typeof data !== 'object' || Array.isArray(data)
      ? `data is ${data === null ? 'null' : Array.isArray(data) ? 'a list' : typeof data}, not an object`
      : problemOf(fields, data, '');
  if (problem) {
    throw new MalformedResponseError(`Malformed reply to ${operationName || 'the request'}: ${problem}`, {
      status: 200,
    });
  }
}
