/** Kind and name of the operation in a GraphQL document. */
export interface OperationInfo {
  /** `'query'`, `'mutation'` or `'subscription'`. */
  kind: 'query' | 'mutation' | 'subscription';
  /** Operation name, `''` when anonymous. */
  name: string;
}

/** A field a document selects: its key in the reply (alias or name) and what it selects inside. */
export interface Selection {
  /** The key in the reply: the alias, else the field name. */
  key: string;
  /** Fields inside (objects or lists of objects); undefined for a scalar. */
  fields?: Selection[];
  /** Under `@include`/`@skip` or a type condition: it may be absent or of another shape. */
  optional: boolean;
  /** A `...Fragment` spread, resolved after parsing. */
  spread?: string;
}

/** What the client needs to know of a document: its first operation and what that selects (fragments expanded). */
export interface DocumentInfo {
  /** The first operation's kind and name (`query` and `''` for a shorthand `{ ... }` or none). */
  operation: OperationInfo;
  /** The fields the operation selects, fragment spreads expanded. */
  fields: Selection[];
}

// Comments and strings are tokens of their own, so that nothing inside them is read as syntax.
const TOKEN = /#[^\n]*|"""[\s\S]*?"""|"(?:[^"\\]|\\.)*"|\.\.\.|[{}():@$!=[\],]|[_A-Za-z]\w*|-?\d[\d.eE+-]*/g;
const KINDS: ReadonlySet<string> = new Set(['query', 'mutation', 'subscription']);

/** Parses a document: the first operation's kind, name and selections, fragment spreads expanded. */
function parse(document: string): DocumentInfo {
  const tokens = (document.match(TOKEN) ?? []).filter((token) => token[0] !== '#');
  let i = 0;
  const skipBalanced = (): void => {
    let depth = 0;
    do {
      const t = tokens[i++] as string;
      if ('({['.includes(t)) depth++;
      else if (')}]'.includes(t)) depth--;
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
      const key = tokens[i++] as string;
      if (tokens[i] === ':') i += 2; // the field name behind the alias
      if (tokens[i] === '(') skipBalanced();
      const conditional = skipDirectives() || optional;
      const fields = tokens[i] === '{' ? parseSet(false) : undefined;
      out.push({ key, optional: conditional, ...(fields ? { fields } : {}) });
    }
    i++; // '}'
    return out;
  };
  let operation: OperationInfo | undefined;
  let selected: Selection[] | undefined;
  const fragments = new Map<string, Selection[]>();
  while (i < tokens.length) {
    const t = tokens[i] as string;
    if (t === 'fragment') {
      const name = tokens[i + 1] as string;
      i += 4; // fragment Name on Type
      skipDirectives();
      fragments.set(name, parseSet(false));
    } else if (t === '{') {
      const fields = parseSet(false);
      operation ??= { kind: 'query', name: '' };
      selected ??= fields;
    } else if (t === '(') skipBalanced();
    else {
      if (!operation && KINDS.has(t)) {
        const name = tokens[i + 1] ?? '';
        operation = { kind: t as OperationInfo['kind'], name: /^[_A-Za-z]/.test(name) ? name : '' };
      }
      i++;
    }
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
  return { operation: operation ?? { kind: 'query', name: '' }, fields: expand(selected ?? [], 0) };
}

const known = new Map<string, DocumentInfo>();

/**
 * What a document holds (see {@link DocumentInfo}), skipping fragments, comments and strings;
 * parsed once per document text (the last 100 kept).
 */
export function documentInfo(document: string): DocumentInfo {
  let info = known.get(document);
  if (!info) {
    info = parse(document);
    if (known.size >= 100) known.clear();
    known.set(document, info);
  }
  return info;
}

/**
 * Finds the operation of a document (`query Runs(...)` → `{ kind: 'query', name: 'Runs' }`),
 * skipping fragments, comments and strings.
 */
export function operationInfo(document: string): OperationInfo {
  return documentInfo(document).operation;
}
