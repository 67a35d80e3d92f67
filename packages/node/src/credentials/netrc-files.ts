import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { netrcEntryFor, parseNetrc, type NetrcEntry } from './netrc';

/** Where netrc files are looked for: `$NETRC` alone when set, else `~/.netrc` then `~/_netrc`. */
export function netrcPaths(
  env: Readonly<Record<string, string | undefined>>,
  home: string = homedir(),
): string[] {
  const explicit = env['NETRC'];
  if (explicit) return [explicit];
  return [join(home, '.netrc'), join(home, '_netrc')];
}

/** Reads the first netrc file that exists among `paths` and returns its entry for `baseUrl`. */
export function readNetrcEntry(paths: readonly string[], baseUrl: string): NetrcEntry | undefined {
  for (const path of paths) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      continue;
    }
    return netrcEntryFor(parseNetrc(text), baseUrl);
  }
  return undefined;
}
