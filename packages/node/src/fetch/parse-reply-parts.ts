import { parseWandbJson } from '@wbapi/core';

/**
 * Longest piece parsed at once, in characters. V8 puts strings above 128 kB (64k two-byte
 * characters) in its large-object space, whose fresh pages cost about 6 µs per kB to allocate
 * here; strings below that cost next to nothing. See the README's benchmark notes.
 */
const PIECE = 48_000;

/** Index of the first `[` outside strings in `text`, or -1. */
function firstArrayOpening(text: string): number {
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92 /* \ */) i++;
      else if (ch === 34 /* " */) inString = false;
    } else if (ch === 34) inString = true;
    else if (ch === 91 /* [ */) return i;
  }
  return -1;
}

/** Whether the character at `at` is preceded by an odd run of backslashes (so it is escaped). */
function escaped(text: string, at: number, from: number): boolean {
  let run = 0;
  while (at - 1 - run >= from && text.charCodeAt(at - 1 - run) === 92) run++;
  return run % 2 === 1;
}

/** The one array of a skeleton parsed from text whose only array is the placeholder. */
function placeholder(node: unknown): unknown[] | undefined {
  if (Array.isArray(node)) return node;
  if (node === null || typeof node !== 'object') return undefined;
  for (const value of Object.values(node)) {
    const found = placeholder(value);
    if (found) return found;
  }
  return undefined;
}

/**
 * Parses a reply of the shape `<objects> [ … [ e1, e2, … ] … ] <closing braces>` (a history page,
 * a run's sampled history: one long list of strings or objects) piece by piece, each piece a few
 * elements cut at `","` or `},{`, so that no string of the whole body is ever built. A cut inside
 * a string or a nested value leaves its piece unbalanced, so any wrong cut makes a piece fail to
 * parse; then, or for any other shape, this returns undefined and the caller parses the whole.
 */
function parseLongList(pieces: readonly string[]): { json: unknown } | undefined {
  // A short first or last piece is joined to its neighbour: the ends are then in one piece each.
  const parts = [...pieces];
  if (parts.length > 2 && (parts[0] as string).length < 1024) parts.splice(0, 2, `${parts[0]}${parts[1]}`);
  if (parts.length > 2 && (parts.at(-1) as string).length < 1024)
    parts.splice(-2, 2, `${parts.at(-2)}${parts.at(-1)}`);
  if (parts.length < 2) return undefined;
  const head = parts[0] as string;
  const last = parts.at(-1) as string;
  const open = firstArrayOpening(head);
  if (open < 0) return undefined;
  let inner = open + 1;
  while (head[inner] === '[') inner++;
  const depth = inner - open;
  const separator = head[inner] === '"' ? '","' : head[inner] === '{' ? '},{' : '';
  if (!separator) return undefined;
  // The end: `depth` closing brackets, then only closing braces and whitespace.
  let end = last.length - 1;
  while (end >= 0 && /[}\s]/.test(last[end] as string)) end--;
  for (let d = 0; d < depth; d++, end--) if (last[end] !== ']') return undefined;
  if (end < 0) return undefined;
  const skeleton = parseWandbJson(head.slice(0, inner) + ']'.repeat(depth) + last.slice(end + 1 + depth));
  let target = placeholder(skeleton);
  for (let d = 1; d < depth && target; d++) target = target[0] as unknown[] | undefined;
  if (!target || target.length > 0) return undefined;
  const list = target;
  const parse = (text: string): void => {
    for (const value of parseWandbJson(`[${text}]`) as unknown[]) list.push(value);
  };
  let pending = '';
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    const text = pending + part.slice(i === 0 ? inner : 0, i === parts.length - 1 ? end + 1 : part.length);
    let start = 0;
    while (text.length - start > PIECE) {
      let cut = text.lastIndexOf(separator, start + PIECE);
      while (cut > start && separator === '","' && escaped(text, cut, start))
        cut = text.lastIndexOf(separator, cut - 1);
      if (cut <= start) break; // an element longer than a piece: wait for more text
      parse(text.slice(start, cut + 1));
      start = cut + 2;
    }
    pending = text.slice(start);
  }
  parse(pending);
  return { json: skeleton };
}

/**
 * A reply body (the text pieces it arrived in) parsed as W&B JSON, or undefined when it is not
 * JSON. Long lists are parsed in pieces (see {@link parseLongList}); anything else at once.
 */
export function parseReplyParts(parts: readonly string[]): { json: unknown; chars: number } | undefined {
  let chars = 0;
  for (const part of parts) chars += part.length;
  try {
    const inPieces = chars > PIECE ? parseLongList(parts) : undefined;
    if (inPieces) return { json: inPieces.json, chars };
  } catch {
    // not that shape after all: parsed whole below
  }
  try {
    return chars === 0 ? undefined : { json: parseWandbJson(parts.join('')), chars };
  } catch {
    return undefined;
  }
}
