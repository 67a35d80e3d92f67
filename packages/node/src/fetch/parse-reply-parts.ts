import { parseWandbJson } from '@wbapi/core';

/**
 * Longest piece parsed at once, in characters. V8 puts strings above 128 kB (64k two-byte
 * characters) in its large-object space, whose fresh pages cost about 6 µs per kB to allocate
 * here; strings below that cost next to nothing. See the README's benchmark notes.
 */
const PIECE = 48_000;

/**
 * Replies longer than this are parsed whole all the same: for a runs listing with each run's
 * history (3.8 MB for 20 runs × 500 rows) the pieces' garbage cost more in the collector, with
 * several such replies in flight, than the one long string (`pnpm bench --only=sampled-history`:
 * 19.8-20.6 µs/row whole, 21.9-23.3 in pieces).
 */
const WHOLE_ABOVE = 1_000_000;

/**
 * Index of the outermost `[` of `head` still open at its end (the list the rest of the text
 * continues), or -1.
 */
function openListOf(head: string): number {
  const opens: number[] = [];
  let inString = false;
  for (let i = 0; i < head.length; i++) {
    const ch = head.charCodeAt(i);
    if (inString) {
      if (ch === 92 /* \ */) i++;
      else if (ch === 34 /* " */) inString = false;
    } else if (ch === 34) inString = true;
    else if (ch === 91 /* [ */ || ch === 123 /* { */) opens.push(i);
    else if (ch === 93 /* ] */ || ch === 125 /* } */) opens.pop();
  }
  return opens.find((at) => head.charCodeAt(at) === 91) ?? -1;
}

/**
 * Whether the character at `at` may be escaped: preceded by an odd run of backslashes, or by a
 * run reaching `from` (what comes before is not known).
 */
function escaped(text: string, at: number, from: number): boolean {
  let run = 0;
  while (at - 1 - run >= from && text.charCodeAt(at - 1 - run) === 92) run++;
  return run % 2 === 1 || (run > 0 && at - run === from);
}

/** The array in `node` whose only element is `marker`, searched depth first. */
function arrayHolding(node: unknown, marker: string): unknown[] | undefined {
  if (node === null || typeof node !== 'object') return undefined;
  if (Array.isArray(node) && node.length === 1 && node[0] === marker) return node;
  for (const value of Object.values(node)) {
    const found = arrayHolding(value, marker);
    if (found) return found;
  }
  return undefined;
}

/** `parts` joined and parsed, in pieces when long (see {@link parseList}). */
function parseParts(parts: readonly string[], depthLeft: number): unknown {
  let chars = 0;
  for (const part of parts) chars += part.length;
  if (chars > PIECE && depthLeft > 0) {
    const list = parseList(parts, depthLeft - 1);
    if (list) return list.json;
  }
  return parseWandbJson(parts.length === 1 ? (parts[0] as string) : parts.join(''));
}

/**
 * Parses text of the shape `<prefix> [ e1, e2, … ] <suffix>`, where the prefix holds no list
 * (a history page, a run's sampled history, a runs listing with each run's history), without
 * building one string of it: the skeleton (prefix, an empty list, suffix) is parsed alone, and
 * the elements in groups of a few, cut at `","` or `},{`; an element longer than a group is
 * parsed the same way. A cut inside a string or a nested value leaves its group or element
 * unbalanced, so any wrong cut makes a parse fail: then, or for any other shape, this throws or
 * returns undefined and the caller parses the whole.
 */
function parseList(pieces: readonly string[], depthLeft: number): { json: unknown } | undefined {
  // A short first or last piece is joined to its neighbour: the ends are then in one piece each.
  const parts = [...pieces];
  while (parts.length > 2 && (parts[0] as string).length < 1024) parts.splice(0, 2, `${parts[0]}${parts[1]}`);
  while (parts.length > 2 && (parts.at(-1) as string).length < 1024)
    parts.splice(-2, 2, `${parts.at(-2)}${parts.at(-1)}`);
  if (parts.length < 2) return undefined;
  const head = parts[0] as string;
  const last = parts.at(-1) as string;
  const open = openListOf(head);
  if (open < 0) return undefined;
  let inner = open + 1;
  while (head[inner] === '[') inner++;
  const depth = inner - open;
  const separator = head[inner] === '"' ? '","' : head[inner] === '{' ? '},{' : '';
  if (!separator) return undefined;
  // Random, so that the data cannot forge it.
  const marker = `wbapi-list-${Math.random().toString(36).slice(2)}`;
  // The list's end: the first `]` (times depth) of the last piece after which the skeleton parses.
  const closing = ']'.repeat(depth);
  let close = -1;
  let skeleton: unknown;
  let target: unknown[] | undefined;
  for (let tries = 0; !target && tries < 16; tries++) {
    close = last.indexOf(closing, close + 1);
    if (close < 0) return undefined;
    try {
      skeleton = parseWandbJson(`${head.slice(0, inner)}"${marker}"${last.slice(close)}`);
      target = arrayHolding(skeleton, marker);
    } catch {
      // not there: the next one
    }
  }
  if (!target) return undefined;
  target.length = 0;
  const list = target;
  // The elements' text in pieces; the last one or two characters of a piece move to the next
  // when they could begin a separator, so that every separator lies within one piece.
  const region = [head.slice(inner), ...parts.slice(1, -1), last.slice(0, close)];
  for (let i = 0; i + 1 < region.length; i++) {
    const piece = region[i] as string;
    const carry = piece.endsWith(separator.slice(0, 2)) ? 2 : piece.endsWith(separator[0] as string) ? 1 : 0;
    if (carry > 0) {
      region[i] = piece.slice(0, -carry);
      region[i + 1] = piece.slice(-carry) + (region[i + 1] as string);
    }
  }
  let element: string[] = [];
  let elementChars = 0;
  let group: string[] = [];
  let groupChars = 0;
  const endGroup = (): void => {
    if (group.length === 0) return;
    // The brackets join the first and last elements, so that the group is copied once (by join).
    group[0] = `[${group[0]}`;
    group[group.length - 1] += ']';
    for (const value of parseWandbJson(group.join(',')) as unknown[]) list.push(value);
    group = [];
    groupChars = 0;
  };
  const endElement = (): void => {
    if (elementChars > PIECE) {
      endGroup();
      list.push(parseParts(element, depthLeft));
    } else {
      if (groupChars + elementChars > PIECE) endGroup();
      group.push(element.length === 1 ? (element[0] as string) : element.join(''));
      groupChars += elementChars + 1;
    }
    element = [];
    elementChars = 0;
  };
  for (const piece of region) {
    for (let from = 0; ;) {
      let cut = piece.indexOf(separator, from);
      // A quote after backslashes may be escaped (a run reaching the piece's start: not cut there).
      while (cut >= 0 && separator === '","' && escaped(piece, cut, 0))
        cut = piece.indexOf(separator, cut + 1);
      if (cut < 0) {
        element.push(piece.slice(from));
        elementChars += piece.length - from;
        break;
      }
      element.push(piece.slice(from, cut + 1));
      elementChars += cut + 1 - from;
      endElement();
      from = cut + 2;
    }
  }
  endElement();
  endGroup();
  return { json: skeleton };
}

/**
 * A reply body (the text pieces it arrived in) parsed as W&B JSON, or undefined when it is not
 * JSON. Long lists are parsed in pieces (see {@link parseList}), so that no string of the whole
 * body is built; the value is the one parsing the joined text gives.
 */
export function parseReplyParts(parts: readonly string[]): { json: unknown; chars: number } | undefined {
  let chars = 0;
  for (const part of parts) chars += part.length;
  if (chars === 0) return undefined;
  try {
    return { json: parseParts(parts, chars > WHOLE_ABOVE ? 0 : 4), chars };
  } catch {
    // A wrong cut (or text that is not JSON): the whole text decides.
  }
  try {
    return { json: parseWandbJson(parts.join('')), chars };
  } catch {
    return undefined;
  }
}
