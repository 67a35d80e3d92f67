import type { Database } from 'better-sqlite3';
import { checkCurrentDeadline } from './query-budget';
import { cachedRegex } from './regex';

/**
 * `regexp(pattern, value[, flags])`: 1 when the text `value` matches the RE2 `pattern`, 0
 * otherwise (non-text values never match). Also serves SQLite's `value REGEXP pattern` operator.
 * Each call first checks the deadline of the query running (see query-budget.ts).
 */
function regexp(...args: unknown[]): number {
  const [pattern, value, flags] = args;
  checkCurrentDeadline();
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
