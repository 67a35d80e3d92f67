import { BadInputError } from '../errors';
import { field, pyRepr } from './python';
import type { Key, KeySection } from './types';

const SECTION_PREFIX: Readonly<Record<KeySection, string>> = Object.freeze({
  config: 'config.',
  summary: 'summary_metrics.',
  keys_info: 'keys_info.keys.',
  run: '',
  tags: 'tags.',
});

// First matching prefix wins; anything else is a run column.
const PREFIX_ORDER: readonly KeySection[] = ['config', 'summary', 'keys_info', 'tags'];

/**
 * Server path of a UI key, e.g. `{section: 'summary', name: 'acc'}` → `summary_metrics.acc`.
 *
 * @throws BadInputError `Invalid key: <Python repr of the key>` for an unknown section (case-sensitive).
 */
export function keyToServerPath(key: Key): string {
  const section = field(key, 'section', 'Key');
  if (typeof section !== 'string' || !Object.hasOwn(SECTION_PREFIX, section)) {
    throw new BadInputError(`Invalid key: ${pyRepr(key)}`);
  }
  const name = field(key, 'name', 'Key');
  if (typeof name !== 'string') throw new BadInputError(`Key name must be a string, got ${pyRepr(name)}`);
  return SECTION_PREFIX[section as KeySection] + name;
}

/**
 * UI key of a server path: the inverse of {@link keyToServerPath} for the `config.`,
 * `summary_metrics.`, `keys_info.keys.` and `tags.` prefixes; any other path is a `run` key.
 */
export function serverPathToKey(path: string): Key {
  for (const section of PREFIX_ORDER) {
    const prefix = SECTION_PREFIX[section];
    if (path.startsWith(prefix)) return { section, name: path.slice(prefix.length) };
  }
  return { section: 'run', name: path };
}
