/**
 * The raw text of each top-level member of a JSON object text, without re-encoding anything:
 * a projection made from it keeps numbers (`1.0`, `12345678901234567890`) and `NaN`/`Infinity`
 * tokens exactly as stored. Returns `null` when the text is not an object.
 *
 * @example
 * ```ts
 * topLevelMembers('{"a": 1.0, "b": [1, 2]}'); // Map { 'a' => '1.0', 'b' => '[1, 2]' }
 * ```
 */
export function topLevelMembers(text: string): Map<string, string> | null {
  const members = new Map<string, string>();
  let i = skipSpace(text, 0);
  if (text[i] !== '{') return null;
  i = skipSpace(text, i + 1);
  if (text[i] === '}') return members;
  while (i < text.length) {
    if (text[i] !== '"') return null;
    const keyEnd = stringEnd(text, i);
    const key = JSON.parse(text.slice(i, keyEnd)) as string;
    i = skipSpace(text, keyEnd);
    if (text[i] !== ':') return null;
    const start = skipSpace(text, i + 1);
    const end = valueEnd(text, start);
    members.set(key, text.slice(start, end).trimEnd());
    i = skipSpace(text, end);
    if (text[i] === '}') return members;
    if (text[i] !== ',') return null;
    i = skipSpace(text, i + 1);
  }
  return null;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i] as string)) i++;
  return i;
}

/** Index just past the string literal starting at `i`. */
function stringEnd(text: string, i: number): number {
  let j = i + 1;
  while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
  return j + 1;
}

/** Index just past the value starting at `i` (up to the `,` or `}` that ends it at depth 0). */
function valueEnd(text: string, i: number): number {
  let depth = 0;
  let j = i;
  while (j < text.length) {
    const ch = text[j];
    if (ch === '"') {
      j = stringEnd(text, j);
      continue;
    }
    if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') {
      if (depth === 0) return j;
      depth--;
    } else if (ch === ',' && depth === 0) return j;
    j++;
  }
  return j;
}

/**
 * A JSON object text reduced to `keys` (in the order asked, absent keys left out), each value
 * copied as stored. `keys` null or absent gives the whole text back.
 */
export function projectJsonObject(
  text: string | null,
  keys: readonly string[] | null | undefined,
): string | null {
  if (text === null || keys === null || keys === undefined) return text;
  const members = topLevelMembers(text) ?? new Map<string, string>();
  const parts: string[] = [];
  for (const key of new Set(keys)) {
    const raw = members.get(key);
    if (raw !== undefined) parts.push(`${JSON.stringify(key)}: ${raw}`);
  }
  return `{${parts.join(', ')}}`;
}
