import { WandbError } from './wandb-error';

/**
 * Writing a download to disk failed: the root is a file, permission is denied, the disk is full...
 * `code` is the system's error code (`EEXIST`, `ENOTDIR`, `EACCES`, `ENOSPC`, ...) and `cause` the
 * system error itself.
 *
 * @example if (e instanceof FileSystemError && e.code === 'ENOSPC') console.error('disk full');
 */
export class FileSystemError extends WandbError {
  // Set in the constructor, hence `declare`: bundles get no separate field definitions.
  /** The system error code, e.g. `ENOSPC` ('' when the system gave none). */
  declare readonly code: string;
  /** The path the failed operation was about. */
  declare readonly path: string;

  constructor(message: string, init: { code: string; path: string; cause?: unknown }) {
    super(message, { cause: init.cause });
    this.name = 'FileSystemError';
    this.code = init.code;
    this.path = init.path;
  }
}
