import type { Database } from 'better-sqlite3';
import { cachedRegex } from './regex';

/**
 * `regexp(pattern, value[, flags])`: 1 when the text `value` matches, 0 otherwise (non-text
 * values never match). Also serves SQLite's `value REGEXP pattern` operator.
 */
function regexp(...args: unknown[]): number {
  const [pattern, value, flags] = args;
  if (typeof pattern !== 'string' || typeof value !== 'string') return 0;
  return cachedRegex(pattern, typeof flags === 'string' ? flags : '').test(value) ? 1 : 0;
}

/**
 * Registers the SQL functions the compiled filters call (`regexp`). Call once per connection,
 * before running any query from {@link compileRunPage} or {@link compileRunCount}.
 */
export function registerSqlFunctions(db: Database): void {
  db.function('regexp', { varargs: true, deterministic: true }, regexp);
}
