const QUOTE = 34; // "
const BACKSLASH = 92; // \
const OPEN_BRACE = 123; // {
const CLOSE_BRACE = 125; // }
const OPEN_BRACKET = 91; // [
const CLOSE_BRACKET = 93; // ]
const COMMA = 44; // ,
const COLON = 58; // :

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9;
}

/** Position past the string literal whose opening quote is at `at`. */
function afterString(text: string, at: number): number {
  let i = at + 1;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === BACKSLASH) i += 2;
    else if (code === QUOTE) return i + 1;
    else i++;
  }
  throw new SyntaxError('Unterminated string in JSON object text');
}

/** Position of the `,` or `}` that ends the member value starting at `at` (depth 0). */
function valueEnd(text: string, at: number): number {
  let depth = 0;
  let i = at;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      i = afterString(text, i);
      continue;
    }
    if (code === OPEN_BRACE || code === OPEN_BRACKET) depth++;
    else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      if (depth === 0) return i;
      depth--;
    } else if (code === COMMA && depth === 0) return i;
    i++;
  }
  throw new SyntaxError('Unterminated JSON object text');
}

function skipSpaces(text: string, at: number): number {
  let i = at;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/**
 * The raw text of each top-level member value of a JSON object text (W&B's dialect: `NaN` and
 * `±Infinity` allowed), by key, found by a scan that decodes nothing but the keys. Used at update
 * time to write an untouched value back byte for byte (`1.0`, `12345678901234567890`, `NaN`),
 * while reading stays a plain `JSON.parse`.
 *
 * @throws SyntaxError when the text is not a JSON object.
 * @example
 * ```ts
 * rawMembers('{"lr": 1.0, "big": 12345678901234567890}'); // Map { 'lr' => '1.0', 'big' => '12345678901234567890' }
 * ```
 */
export function rawMembers(text: string): Map<string, string> {
  const members = new Map<string, string>();
  let i = skipSpaces(text, 0);
  if (text.charCodeAt(i) !== OPEN_BRACE) throw new SyntaxError('JSON text is not an object');
  i = skipSpaces(text, i + 1);
  if (text.charCodeAt(i) === CLOSE_BRACE) return members;
  for (;;) {
    if (text.charCodeAt(i) !== QUOTE) throw new SyntaxError(`Expected a key at position ${i}`);
    const keyEnd = afterString(text, i);
    const key = JSON.parse(text.slice(i, keyEnd)) as string;
    i = skipSpaces(text, keyEnd);
    if (text.charCodeAt(i) !== COLON) throw new SyntaxError(`Expected ':' at position ${i}`);
    const start = skipSpaces(text, i + 1);
    const end = valueEnd(text, start);
    members.set(key, text.slice(start, end).trimEnd());
    i = skipSpaces(text, end);
    if (text.charCodeAt(i) === CLOSE_BRACE) return members;
    i = skipSpaces(text, i + 1);
  }
}
