import {
  AuthenticationError,
  BadInputError,
  ChecksumMismatchError,
  FileSystemError,
  GraphQLError,
  HttpError,
  NetworkError,
  NotFoundError,
  TimeoutError,
  UnsafePathError,
  UnsupportedReferenceError,
  WandbError,
} from '@wbapi/node';
import { CommanderError } from 'commander';
import { OutputError } from './export/output-error';

/** Exit codes of `wbapi`. */
export const ExitCode = {
  /** Done. */
  ok: 0,
  /** An unexpected failure. */
  failure: 1,
  /**
   * Bad arguments, path or output folder (also one that cannot be written), a query the server
   * refused (e.g. its filter), or an artifact reference wbapi cannot read.
   */
  usage: 2,
  /** No API key, or the server refused it. */
  auth: 3,
  /** The project, run or file does not exist. */
  notFound: 4,
  /** The server or network kept failing (after retries), or rate limits did not end. */
  unavailable: 5,
  /**
   * Downloaded bytes did not match their checksum, or the server named a file that would land
   * outside the download folder; nothing was half-written.
   */
  corrupt: 6,
  /** Interrupted (Ctrl-C); an export can continue with `--resume`. */
  interrupted: 130,
} as const;

/** The exit code for an error a command ended with. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  if (error instanceof DOMException && error.name === 'AbortError') return ExitCode.interrupted;
  if (error instanceof BadInputError || error instanceof OutputError) return ExitCode.usage;
  if (error instanceof FileSystemError || error instanceof UnsupportedReferenceError) return ExitCode.usage;
  if (error instanceof ChecksumMismatchError || error instanceof UnsafePathError) return ExitCode.corrupt;
  if (error instanceof AuthenticationError) return ExitCode.auth;
  // The server understood the request and refused it (e.g. a filter it cannot read).
  if (error instanceof GraphQLError && error.status < 500) return ExitCode.usage;
  if (error instanceof NotFoundError) return ExitCode.notFound;
  if (error instanceof HttpError || error instanceof NetworkError || error instanceof TimeoutError) {
    return ExitCode.unavailable;
  }
  if (error instanceof WandbError) return ExitCode.unavailable;
  // A system call on a local file failed (no permission, disk full...): the folder cannot be used.
  if (error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === 'string') {
    return ExitCode.usage;
  }
  return ExitCode.failure;
}

/** A one-line message for an error (never a stack for known errors; no API key is ever in them). */
export function describeError(error: unknown): string {
  if (error instanceof DOMException && error.name === 'AbortError') return 'interrupted';
  if (error instanceof Error) return `${error.name === 'Error' ? 'error' : error.name}: ${error.message}`;
  return `error: ${String(error)}`;
}
