import { InvalidArgumentError } from 'commander';

/** `--filter` text to an object (a MongoDB-style filter). */
export function parseFilter(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InvalidArgumentError('not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidArgumentError('must be a JSON object, e.g. {"state":"finished"}');
  }
  return value as Record<string, unknown>;
}

/** `--keys a,b` to `['a', 'b']` (empty names dropped). */
export function parseKeys(text: string): string[] {
  const keys = text
    .split(',')
    .map((key) => key.trim())
    .filter((key) => key !== '');
  if (keys.length === 0) throw new InvalidArgumentError('name at least one key');
  return keys;
}

/** A positive integer flag. */
export function parsePositiveInt(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new InvalidArgumentError('must be a positive integer');
  return value;
}

/** A flag restricted to some values. */
export function oneOf<T extends string>(choices: readonly T[]): (text: string) => T {
  return (text) => {
    if (!(choices as readonly string[]).includes(text)) {
      throw new InvalidArgumentError(`must be one of ${choices.join(', ')}`);
    }
    return text as T;
  };
}
