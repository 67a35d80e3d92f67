import { resolve } from 'node:path';
import { UnsafePathError } from '@wbapi/core';
import { describe, expect, it } from 'vitest';
import { checkFileName, targetPath } from './safe-path';

describe('checkFileName', () => {
  it.each([
    ['', 'empty'],
    ['/etc/passwd', 'absolute'],
    ['../secret', '..'],
    ['a/../../b', '..'],
    ['a/..', '..'],
    ['C:evil.txt', 'drive'],
    ['c:/windows/x', 'drive'],
    ['..\\..\\evil', 'backslash'],
    ['dir\\file', 'backslash'],
    ['bad\0name', 'NUL'],
    ['folder/', 'folder'],
    ['.', 'folder'],
  ])('rejects %j (%s)', (name, why) => {
    expect(() => checkFileName(name)).toThrow(UnsafePathError);
    expect(() => checkFileName(name)).toThrow(new RegExp(why));
  });

  it.each(['model.pt', 'media/images/a.png', '.hidden', 'a..b/c...d', './x'])('accepts %j', (name) => {
    expect(checkFileName(name)).toBe(name);
  });
});

describe('targetPath', () => {
  it('resolves below the root', () => {
    expect(targetPath('/tmp/root', 'media/a.png')).toBe(resolve('/tmp/root/media/a.png'));
    expect(targetPath('rel', 'x')).toBe(resolve('rel', 'x'));
  });
});
