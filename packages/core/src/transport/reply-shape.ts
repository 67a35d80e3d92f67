import { MalformedResponseError } from '../errors/malformed-response-error';

/** A field a document selects: its key in the reply (alias or name) and what it selects inside. */
interface Selection {
  key: string;
  /** Fields inside (objects or lists of objects); undefined for a scalar. */
  fields?: Selection[];
  /** Under `@include`/`@skip` or a type condition: it may be absent or of another shape. */
  optional: boolean;
  /** A `...Fragment` spread, resolved after parsing. */
  spread?: string;
}

const TOKEN = /\.\.\.|[{}():@$!=[\],]|"(?:[^"\\]|\\.)*"|[_A-Za-z][_0-9A-Za-z]*|-?\d[\d.eE+-]*/g;

/** Parses the selections of a GraphQL document: the operation's, with fragment spreads expanded. */
function parseDocument(document: string): Selection[] {
  const tokens = document.match(TOKEN) ?? [];
  let i = 0;
  const skipBalanced = (): void => {
    let depth = 0;
    do {
      const t = tokens[i++];
      if (t === '(' || t === '{' || t === '[') depth++;
      else if (t === ')' || t === '}' || t === ']') depth--;
    } while (depth > 0 && i < tokens.length);
  };
  const skipDirectives = (): boolean => {
    let any = false;
    while (tokens[i] === '@') {
      any = true;
      i += 2;
      if (tokens[i] === '(') skipBalanced();
    }
    return any;
  };
  const parseSet = (optional: boolean): Selection[] => {
    const out: Selection[] = [];
    i++; // '{'
    while (i < tokens.length && tokens[i] !== '}') {
      if (tokens[i] === '...') {
        i++;
        if (tokens[i] === 'on' || tokens[i] === '{' || tokens[i] === '@') {
          if (tokens[i] === 'on') i += 2;
          skipDirectives();
          out.push(...parseSet(true));
        } else {
          const spread = tokens[i++] as string;
          out.push({ key: '', spread, optional: skipDirectives() || optional });
        }
        continue;
      }
      let key = tokens[i++] as string;
      if (tokens[i] === ':') {
        i++;
        i++; // the field name behind the alias
      } else key = key ?? '';
      if (tokens[i] === '(') skipBalanced();
      const conditional = skipDirectives() || optional;
      const fields = tokens[i] === '{' ? parseSet(false) : undefined;
      out.push({ key, optional: conditional, ...(fields ? { fields } : {}) });
    }
    i++; // '}'
    return out;
  };
  let operation: Selection[] = [];
  const fragments = new Map<string, Selection[]>();
  while (i < tokens.length) {
    if (tokens[i] === 'fragment') {
      const name = tokens[i + 1] as string;
      i += 4; // fragment Name on Type
      skipDirectives();
      fragments.set(name, parseSet(false));
    } else if (tokens[i] === '{') operation = parseSet(false);
    else if (tokens[i] === '(') skipBalanced();
    else i++;
  }
  const expand = (set: Selection[], depth: number): Selection[] =>
    set.flatMap((s) => {
      if (s.spread !== undefined) {
        const found = depth < 16 ? fragments.get(s.spread) : undefined;
        return found
          ? expand(found, depth + 1).map((f) => ({ ...f, optional: f.optional || s.optional }))
          : [];
      }
      return [s.fields ? { ...s, fields: expand(s.fields, depth) } : s];
    });
  return expand(operation, 0);
}

const parsed = new Map<string, Selection[]>();

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
  let fields = parsed.get(document);
  if (!fields) {
    fields = parseDocument(document);
    if (parsed.size >= 100) parsed.clear();
    parsed.set(document, fields);
  }
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
