import { FilterError } from './filter-error';

const ALLOWED_FLAGS = /^[imsu]*$/;
const CACHE_LIMIT = 256;
const cache = new Map<string, RegExp>();

/**
 * Turns a Mongo/RE2 `$regex` + `$options` pair into a JavaScript source and flags. A leading
 * RE2 inline flag group such as `(?i)` becomes a flag, since JavaScript has no inline flags.
 * Throws {@link FilterError} for unsupported options or an invalid pattern.
 */
export function compileRegex(
  pattern: string,
  options: string,
  field: string,
): { source: string; flags: string } {
  let source = pattern;
  let flags = options;
  const inline = /^\(\?([a-zA-Z]+)\)/.exec(source);
  if (inline) {
    flags += inline[1] as string;
    source = source.slice(inline[0].length);
  }
  if (!ALLOWED_FLAGS.test(flags)) {
    throw new FilterError(`$options on field "${field}" supports only i, m, s and u`);
  }
  flags = [...new Set(flags)].sort().join('');
  try {
    cachedRegex(source, flags);
  } catch {
    throw new FilterError(`$regex on field "${field}" is not a valid regular expression`);
  }
  return { source, flags };
}

/** A compiled regular expression, cached by source and flags. */
export function cachedRegex(source: string, flags: string): RegExp {
  const key = `${flags}/${source}`;
  let re = cache.get(key);
  if (!re) {
    re = new RegExp(source, flags);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, re);
  }
  return re;
}
