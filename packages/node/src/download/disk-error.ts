import { FileSystemError, WandbError } from '@wbapi/core';

/**
 * What the system error of a failed disk operation becomes: a {@link FileSystemError} carrying it
 * as `cause` (`what` and `path` name the operation in the message). Errors that are not system
 * errors, and wbapi's own errors, are returned as they are.
 */
export function diskError(error: unknown, what: string, path: string): unknown {
  if (error instanceof WandbError || !(error instanceof Error)) return error;
  const code = (error as NodeJS.ErrnoException).code;
  // System error codes (errno names) all start with E: `EEXIST`, `EACCES`, `ENOSPC`, ...
  if (typeof code !== 'string' || !/^E[A-Z0-9]+$/.test(code)) return error;
  return new FileSystemError(`Cannot ${what} ${path} (${code})`, { code, path, cause: error });
}
