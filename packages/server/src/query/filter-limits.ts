import { FilterError } from './filter-error';

/** Largest runs filter accepted, as JSON text (UTF-16 code units). */
export const MAX_FILTER_LENGTH = 65_536;
/** Deepest nesting of objects and arrays in a runs filter (`{}` alone is depth 1). */
export const MAX_FILTER_DEPTH = 32;
/** Most `$` operators (`$and`, `$regex`, ...) in one runs filter. */
export const MAX_FILTER_OPERATORS = 256;
/** Most values (objects, arrays, scalars) in one runs filter. */
export const MAX_FILTER_VALUES = 10_000;
/** Longest `$regex` pattern. */
export const MAX_REGEX_LENGTH = 1_000;

/** Throws {@link FilterError} when the filter text is longer than {@link MAX_FILTER_LENGTH}. */
export function checkFilterLength(text: string): void {
  if (text.length > MAX_FILTER_LENGTH) {
    throw new FilterError(
      `The filter is ${text.length} characters long; the limit is ${MAX_FILTER_LENGTH} (MAX_FILTER_LENGTH)`,
    );
  }
}

/**
 * Checks a parsed runs filter against the depth, operator, value and pattern limits, walking it
 * with an explicit stack (a filter nested 100,000 deep costs no recursion), before it is compiled.
 *
 * @throws FilterError naming the limit exceeded.
 */
export function checkFilterLimits(filter: unknown): void {
  const stack: [unknown, number][] = [[filter, 1]];
  let operators = 0;
  let values = 0;
  while (stack.length > 0) {
    const [value, depth] = stack.pop() as [unknown, number];
    if (++values > MAX_FILTER_VALUES) {
      throw new FilterError(`The filter holds more than ${MAX_FILTER_VALUES} values (MAX_FILTER_VALUES)`);
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth > MAX_FILTER_DEPTH) {
      throw new FilterError(`The filter is nested deeper than ${MAX_FILTER_DEPTH} levels (MAX_FILTER_DEPTH)`);
    }
    const entries = Array.isArray(value) ? value.map((v) => ['', v] as const) : Object.entries(value);
    for (const [key, child] of entries) {
      if (key.startsWith('$') && ++operators > MAX_FILTER_OPERATORS) {
        throw new FilterError(
          `The filter uses more than ${MAX_FILTER_OPERATORS} operators (MAX_FILTER_OPERATORS)`,
        );
      }
      if (key === '$regex' && typeof child === 'string' && child.length > MAX_REGEX_LENGTH) {
        throw new FilterError(
          `A $regex pattern is ${child.length} characters long; the limit is ${MAX_REGEX_LENGTH} (MAX_REGEX_LENGTH)`,
        );
      }
      stack.push([child, depth + 1]);
    }
  }
}
