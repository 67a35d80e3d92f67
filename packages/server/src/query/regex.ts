import { RE2JS } from 're2js';
import { FilterError } from './filter-error';

const ALLOWED_FLAGS = /^[imsu]*$/;
const CACHE_LIMIT = 256;
const cache = new Map<string, RE2JS>();

/** RE2 flag bits of the Mongo `$options` letters (`u` is implied: RE2 always matches code points). */
const FLAG_BITS: Record<string, number> = {
  i: RE2JS.CASE_INSENSITIVE,
  m: RE2JS.MULTILINE,
  s: RE2JS.DOTALL,
  u: 0,
};

/**
 * Checks a Mongo `$regex` + `$options` pair and returns the pattern and its normalised flags.
 * Patterns are RE2 syntax (what W&B evaluates), matched by re2js in time linear in the text, so
 * no pattern can make the server spin; inline flag groups such as `(?i)` are RE2's own.
 * Throws {@link FilterError} for unsupported options or an invalid pattern.
 */
export function compileRegex(
  pattern: string,
  options: string,
  field: string,
): { source: string; flags: string } {
  if (!ALLOWED_FLAGS.test(options)) {
    throw new FilterError(`$options on field "${field}" supports only i, m, s and u`);
  }
  const flags = [...new Set(options)].sort().join('');
  try {
    cachedRegex(pattern, flags);
  } catch {
    throw new FilterError(`$regex on field "${field}" is not a valid RE2 regular expression`);
  }
  return { source: pattern, flags };
}

/** A compiled RE2 expression, cached by source and flags. */
export function cachedRegex(source: string, flags: string): RE2JS {
  const key = `${flags}/${source}`;
  let re = cache.get(key);
  if (!re) {
    let bits = 0;
    for (const letter of flags) bits |= FLAG_BITS[letter] ?? 0;
    re = RE2JS.compile(source, bits);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, re);
  }
  return re;
}
