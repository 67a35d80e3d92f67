const MARK = '\u0000wbapi-nonfinite:';
const TOKEN_IN_TEXT = /"\\u0000wbapi-nonfinite:(NaN|Infinity|-Infinity)"/g;
const BARE_TOKEN = /(-?Infinity|NaN)/;

function hasNonFinite(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isFinite(value);
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some(hasNonFinite);
  for (const key in value) if (hasNonFinite((value as Record<string, unknown>)[key])) return true;
  return false;
}

/**
 * JSON text of a value in W&B's dialect: `NaN`, `Infinity` and `-Infinity` are written as bare
 * tokens (plain JSON.stringify would turn them into null). Fast path when none are present.
 */
export function stringifyWandbJson(value: unknown): string {
  if (!hasNonFinite(value)) return JSON.stringify(value);
  const text = JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'number' && !Number.isFinite(v) ? `${MARK}${String(v)}` : v,
  );
  return text.replace(TOKEN_IN_TEXT, '$1');
}

/** Replaces bare NaN/Infinity tokens that sit outside strings with marker strings. */
function quoteNonFiniteTokens(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const match = BARE_TOKEN.exec(text.slice(i, i + 9));
    if (match && match.index === 0) {
      out += JSON.stringify(`${MARK}${match[1] as string}`);
      i += (match[1] as string).length;
      continue;
    }
    out += ch;
    i += 1;
  }
  return out;
}

/** Parses W&B JSON text, accepting `NaN`, `Infinity` and `-Infinity` tokens. Throws SyntaxError. */
export function parseWandbJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (!BARE_TOKEN.test(text)) throw error;
  }
  return JSON.parse(quoteNonFiniteTokens(text), (_key, v: unknown) =>
    typeof v === 'string' && v.startsWith(MARK) ? Number(v.slice(MARK.length)) : v,
  );
}
