/**
 * A runs filter, order string or cursor that cannot be compiled. The message names the
 * operator, field or argument at fault; it never echoes the whole filter.
 */
export class FilterError extends Error {
  override readonly name: string = 'FilterError';
}
