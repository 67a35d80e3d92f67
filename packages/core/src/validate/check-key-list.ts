import { BadInputError } from '../errors/bad-input-error';

/**
 * A list of keys as given (`summaryKeys`, `configKeys`), checked: an array of non-empty strings.
 * `undefined` or `null` give `undefined`.
 *
 * @throws BadInputError naming `name` otherwise.
 */
export function keyList(name: string, value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((key) => typeof key === 'string')) {
    throw new BadInputError(`${name} must be a list of strings`);
  }
  if (value.includes('')) throw new BadInputError(`${name} must not hold an empty string`);
  return [...(value as string[])];
}
