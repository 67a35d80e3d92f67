import { nonFiniteMarker } from './non-finite-marker';

const TOKENS = [
  ['-Infinity', Number.NEGATIVE_INFINITY],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['NaN', Number.NaN],
] as const;

/**
 * Rewrites `NaN`, `Infinity` and `-Infinity` tokens outside strings as marker strings.
 * Returns the text and how many tokens it rewrote, or `null` when it holds none.
 */
function markNonFinite(text: string, marker: string): { marked: string; count: number } | null {
  let out = '';
  let copiedUpTo = 0;
  let inString = false;
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92 /* \ */) i++;
      else if (ch === 34 /* " */) inString = false;
      continue;
    }
    if (ch === 34) {
      inString = true;
      continue;
    }
    if (ch !== 78 /* N */ && ch !== 73 /* I */ && ch !== 45 /* - */) continue;
    for (const [token, ,] of TOKENS) {
      if (text.startsWith(token, i)) {
        out += `${text.slice(copiedUpTo, i)}"${marker}${token}"`;
        i += token.length - 1;
        copiedUpTo = i + 1;
        count++;
        break;
      }
    }
  }
  return count > 0 ? { marked: out + text.slice(copiedUpTo), count } : null;
}

/**
 * Puts the numbers back where `JSON.parse` left marker strings, in place, and stops as soon as
 * all `count` of them are found (cheaper than a reviver, which is called for every value).
 */
function restoreNonFinite(root: unknown, marker: string, count: number): unknown {
  const numberOf = (value: unknown): number | undefined =>
    typeof value === 'string' && value.startsWith(marker)
      ? TOKENS.find(([token]) => marker + token === value)?.[1]
      : undefined;
  const top = numberOf(root);
  if (top !== undefined) return top;
  let left = count;
  const stack: unknown[] = [root];
  while (left > 0 && stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    const container = node as Record<string, unknown>;
    for (const key of Array.isArray(node) ? node.keys() : Object.keys(container)) {
      const child = container[key];
      const number = numberOf(child);
      if (number !== undefined) {
        container[key] = number;
        left--;
      } else if (child !== null && typeof child === 'object') stack.push(child);
    }
  }
  return root;
}

/**
 * Parses W&B's JSON dialect: standard JSON plus the bare tokens `NaN`, `Infinity` and
 * `-Infinity` (outside strings), which become the matching numbers.
 *
 * Plain `JSON.parse` is tried first, so ordinary JSON costs nothing extra. Text with such tokens
 * is parsed by `JSON.parse` too, with the tokens rewritten as marker strings, and only those are
 * then put back as numbers.
 *
 * @throws SyntaxError when the text is not valid even with those tokens allowed.
 * @example
 * ```ts
 * parseWandbJson('{"loss": NaN, "best": -Infinity}'); // { loss: NaN, best: -Infinity }
 * ```
 */
export function parseWandbJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const marker = nonFiniteMarker();
    const found = markNonFinite(text, marker);
    if (found === null) throw error;
    return restoreNonFinite(JSON.parse(found.marked), marker, found.count);
  }
}
