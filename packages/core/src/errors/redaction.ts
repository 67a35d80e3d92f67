/**
 * The one redaction step of wbapi: whatever came from the network passes through it before it
 * reaches an error (message, stack, properties, `cause` chain), a hook event or a log line.
 */

import { base64Utf8 } from '../transport/request-headers';

/** Shortest run of a secret's characters that is removed on its own (a key cut or split in parts). */
const MIN_FRAGMENT = 8;
/** What a removed secret (or fragment of one) is replaced with. */
export const REDACTED = '***';
/** Deepest nesting of objects walked when scrubbing (cycles are skipped too). */
const MAX_DEPTH = 32;

/**
 * The forms in which an API key can come back from a server: the key itself, the base64 of the
 * Basic-auth credentials `api:<key>` (what the `Authorization` header carries), and the base64 of
 * the key alone at each of the three byte alignments.
 *
 * @example secretForms('0123456789abcdef') // ['0123…', 'YXBpOjAx…', ...]
 */
export function secretForms(apiKey: string | undefined): string[] {
  if (!apiKey) return [];
  return [apiKey, ...['api:', '', ':', 'i:'].map((prefix) => base64Utf8(prefix + apiKey))];
}

/** The fragments of a secret that are removed wherever they appear: every run of MIN_FRAGMENT characters. */
function fragmentsOf(secret: string): { size: number; set: Set<string> } {
  const size = Math.min(MIN_FRAGMENT, secret.length);
  const set = new Set<string>();
  for (let i = 0; i + size <= secret.length; i++) set.add(secret.slice(i, i + size));
  return { size, set };
}

/**
 * Removes from `text` every secret and every run of at least 8 consecutive characters of one (a
 * key truncated at the end of a message, or split between two parts of a reply), each maximal run
 * replaced by `***`.
 *
 * @example redactText('bad key 0123456789abcdef', ['0123456789abcdef']) // 'bad key ***'
 */
export function redactText(text: string, secrets: readonly string[] | undefined): string {
  if (!secrets || secrets.length === 0 || text.length === 0) return text;
  const hidden = new Uint8Array(text.length);
  let any = false;
  for (const secret of secrets) {
    if (secret.length === 0) continue;
    const { size, set } = fragmentsOf(secret);
    for (let i = 0; i + size <= text.length; i++) {
      if (set.has(text.slice(i, i + size))) {
        hidden.fill(1, i, i + size);
        any = true;
      }
    }
  }
  if (!any) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (hidden[i] === 0) out += text[i] as string;
    else if (i === 0 || hidden[i - 1] === 0) out += REDACTED;
  }
  return out;
}

/** A copy of a JSON-like value with every string (and key) redacted; other values as they are. */
export function redactValue(value: unknown, secrets: readonly string[], depth = 0): unknown {
  if (typeof value === 'string') return redactText(value, secrets);
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secrets, depth + 1));
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[redactText(key, secrets)] = redactValue(item, secrets, depth + 1);
  }
  return out;
}

/**
 * Redacts an error in place, and each error of its `cause` chain: `message`, `stack` and every
 * own property (strings, arrays and plain objects, deeply). Returns the same error.
 */
export function scrubError<T>(error: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return error;
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current !== null && typeof current === 'object' && !seen.has(current) && seen.size < MAX_DEPTH) {
    seen.add(current);
    const target = current as Record<string, unknown>;
    for (const key of Object.getOwnPropertyNames(target)) {
      if (key === 'cause') continue;
      const descriptor = Object.getOwnPropertyDescriptor(target, key);
      if (!descriptor || !('value' in descriptor)) continue;
      const redacted = redactValue(descriptor.value, secrets);
      if (redacted === descriptor.value) continue;
      // `declare readonly` fields are plain writable properties; a frozen one is left as it is.
      try {
        Object.defineProperty(target, key, { ...descriptor, value: redacted });
      } catch {
        // Not configurable: nothing wbapi made.
      }
    }
    // V8 keeps `stack` behind an accessor, written with the message it had when thrown.
    if (typeof target.stack === 'string') {
      try {
        target.stack = redactText(target.stack, secrets);
      } catch {
        // A read-only stack: nothing wbapi made.
      }
    }
    current = target.cause;
  }
  return error;
}
