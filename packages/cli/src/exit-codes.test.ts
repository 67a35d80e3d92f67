import {
  ChecksumMismatchError,
  FileSystemError,
  NetworkError,
  UnsafePathError,
  UnsupportedReferenceError,
} from '@wbapi/node';
import { describe, expect, it } from 'vitest';
import { ExitCode, exitCodeFor } from './exit-codes';

describe('exitCodeFor', () => {
  it('download failures the user can act on are not reported as a failing server', () => {
    expect(exitCodeFor(new ChecksumMismatchError('m', { expected: 'a', actual: 'b' }))).toBe(
      ExitCode.corrupt,
    );
    expect(exitCodeFor(new UnsafePathError('m', { path: '../x' }))).toBe(ExitCode.corrupt);
    expect(exitCodeFor(new FileSystemError('m', { code: 'EACCES', path: '/x' }))).toBe(ExitCode.usage);
    expect(exitCodeFor(new UnsupportedReferenceError('m', { path: 'a', ref: 's3://b/a' }))).toBe(
      ExitCode.usage,
    );
    expect(exitCodeFor(new NetworkError('m'))).toBe(ExitCode.unavailable);
    const denied = Object.assign(new Error('EACCES: permission denied, mkdir'), {
      code: 'EACCES',
      syscall: 'mkdir',
    });
    expect(exitCodeFor(denied)).toBe(ExitCode.usage);
    expect(exitCodeFor(new Error('bug'))).toBe(ExitCode.failure);
  });
});
