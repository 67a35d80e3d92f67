import { FilterError } from './filter-error';

/**
 * SQLite JSON path for a list of object keys, each quoted (`$."a"."b.c"`), so that keys holding
 * dots, slashes or spaces address one member. The path is always bound as a parameter.
 */
export function jsonPath(keys: readonly string[]): string {
  let path = '$';
  for (const key of keys) {
    if (key === '') throw new FilterError('Field paths cannot contain an empty segment');
    path += `."${key.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
  }
  return path;
}
