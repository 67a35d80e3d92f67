import { isAbsolute, relative, resolve, sep } from 'node:path';
import { UnsafePathError } from '@wbapi/core';

function reject(name: string, why: string): never {
  throw new UnsafePathError(`Unsafe file name ${JSON.stringify(name)}: ${why}`, { path: name });
}

/**
 * Checks that a run file name is a plain relative path (`dir/file.txt`) and returns it with
 * `/` separators. Rejects empty names, NUL bytes, absolute paths, drive letters (`C:`),
 * backslashes and `..` segments, on every OS, because the name comes from the server.
 *
 * @throws UnsafePathError naming the reason.
 */
export function checkFileName(name: string): string {
  if (typeof name !== 'string' || name === '') reject(String(name), 'empty name');
  if (name.includes('\0')) reject(name, 'contains a NUL byte');
  if (name.includes('\\')) reject(name, 'contains a backslash');
  if (name.startsWith('/')) reject(name, 'absolute path');
  if (/^[A-Za-z]:/.test(name)) reject(name, 'drive letter');
  const segments = name.split('/');
  if (segments.includes('..')) reject(name, "contains a '..' segment");
  const last = segments[segments.length - 1];
  if (last === '' || last === '.') reject(name, 'names a folder, not a file');
  return name;
}

/** True when `target` is `root` itself or lies below it. */
export function isInside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel !== '' && !rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel);
}

/**
 * Absolute target path of `name` under `root`, after {@link checkFileName}, double-checked to
 * stay inside `root`.
 */
export function targetPath(root: string, name: string): string {
  const absoluteRoot = resolve(root);
  const target = resolve(absoluteRoot, checkFileName(name));
  if (!isInside(absoluteRoot, target)) reject(name, 'resolves outside the download folder');
  return target;
}
