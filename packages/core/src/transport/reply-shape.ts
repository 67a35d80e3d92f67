import { MalformedResponseError } from '../errors/malformed-response-error';
import { documentInfo, type Selection } from './document-info';

/** The fields of the schema whose values are lists of scalars (`[String!]`, `[JSON]`); a test keeps it in step. */
export const LIST_FIELDS =
  'tags history events sampledHistory parquetUrls liveData configValidationWarnings'.split(' ');
/** The fields of the schema of the `JSON` type: any value, objects included. */
export const JSON_FIELDS = ['historyKeys', 'cliVersionInfo'];

/** `a list`, `an object` or the `typeof` of a value. */
function kindOf(value: unknown): string {
  return Array.isArray(value)
    ? 'a list'
    : value === null
      ? 'null'
      : typeof value === 'object'
        ? 'an object'
        : typeof value;
}

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
    if (field.optional) continue;
    // A GraphQL server answers every field selected (null when it has none).
    if (!(field.key in record)) return `${at} is missing`;
    const inner = record[field.key];
    if (field.fields) {
      const problem = problemOf(field.fields, inner, at);
      if (problem) return problem;
    } else if (inner !== null && !JSON_FIELDS.includes(field.key)) {
      // A value where a value is, a list where a list is: what the readers rely on.
      const list = LIST_FIELDS.includes(field.key);
      if (list ? !Array.isArray(inner) : typeof inner === 'object')
        return `${at} is ${kindOf(inner)}, not ${list ? 'a list' : 'a single value'}`;
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
      ? `data is ${kindOf(data)}, not an object`
      : problemOf(fields, data, '');
  if (problem) {
    throw new MalformedResponseError(`Malformed reply to ${operationName || 'the request'}: ${problem}`, {
      status: 200,
    });
  }
}
