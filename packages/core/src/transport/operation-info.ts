/** Kind and name of the operation in a GraphQL document. */
export interface OperationInfo {
  /** `'query'`, `'mutation'` or `'subscription'`. */
  kind: 'query' | 'mutation' | 'subscription';
  /** Operation name, `''` when anonymous. */
  name: string;
}

const known = new Map<string, OperationInfo>();
const MAX_KNOWN = 500;

/** Reads the first top-level word (outside braces, strings and comments) and the name after it. */
function scan(document: string): OperationInfo {
  let depth = 0;
  let inHeader = false; // between a definition's first word and its selection set
  let i = 0;
  while (i < document.length) {
    const ch = document[i] as string;
    if (ch === '#') {
      while (i < document.length && document[i] !== '\n') i++;
    } else if (ch === '"') {
      const block = document.startsWith('"""', i);
      const end = block ? document.indexOf('"""', i + 3) : document.indexOf('"', i + 1);
      i = end < 0 ? document.length : end + (block ? 3 : 1);
      continue;
    } else if (ch === '{') {
      if (depth === 0 && !inHeader) return { kind: 'query', name: '' }; // shorthand `{ ... }` query
      depth++;
    } else if (ch === '}') {
      depth--;
      if (depth === 0) inHeader = false;
    } else if (depth === 0 && /[A-Za-z_]/.test(ch)) {
      inHeader = true;
      const word = /^[_A-Za-z][_0-9A-Za-z]*/.exec(document.slice(i))?.[0] ?? '';
      if (word === 'query' || word === 'mutation' || word === 'subscription') {
        const name = /^\s*([_A-Za-z][_0-9A-Za-z]*)/.exec(document.slice(i + word.length))?.[1] ?? '';
        return { kind: word, name };
      }
      i += word.length;
      continue;
    }
    i++;
  }
  return { kind: 'query', name: '' };
}

/**
 * Finds the operation of a document (`query Runs(...)` → `{ kind: 'query', name: 'Runs' }`),
 * skipping fragments, comments and strings. Results are memoised per document text.
 */
export function operationInfo(document: string): OperationInfo {
  let info = known.get(document);
  if (!info) {
    info = scan(document);
    if (known.size >= MAX_KNOWN) known.clear();
    known.set(document, info);
  }
  return info;
}
