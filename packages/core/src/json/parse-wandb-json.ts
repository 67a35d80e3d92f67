import { nonFiniteMarker } from './non-finite-marker';

const TOKENS = [
  ['-Infinity', Number.NEGATIVE_INFINITY],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['NaN', Number.NaN],
] as const;

/**
 * Rewrites `NaN`, `Infinity` and `-Infinity` tokens outside strings as marker strings.
 * Returns `null` when the text holds none of them.
 */
function markNonFinite(text: string, marker: string): string | null {
  let out = '';
  let copiedUpTo = 0;
  let inString = false;
  let found = false;
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
        found = true;
        break;
      }
    }
  }
  return found ? out + text.slice(copiedUpTo) : null;
}

/**
 * Parses W&B's JSON dialect: standard JSON plus the bare tokens `NaN`, `Infinity` and
 * `-Infinity` (outside strings), which become the matching numbers.
 *
 * Plain `JSON.parse` is tried first, so ordinary JSON costs nothing extra.
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
    const marked = markNonFinite(text, marker);
    if (marked === null) throw error;
    const values = new Map<string, number>(TOKENS.map(([token, value]) => [marker + token, value]));
    return JSON.parse(marked, (_key, value: unknown) =>
      typeof value === 'string' && value.startsWith(marker) ? (values.get(value) ?? value) : value,
    );
  }
}
