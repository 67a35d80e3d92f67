import { Api, type NodeApiOptions, type RequestOptions, type Run } from '@wbapi/node';
import { allHooks, retryNotes } from './retry-notes';

/** Where a command reads and writes, and what it can be told from outside (tests inject these). */
export interface CliIo {
  /** Results. */
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  /** Progress, warnings and errors. */
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** Stops a long command (Ctrl-C is wired to it by the `wbapi` binary). */
  signal?: AbortSignal;
  /** Extra Api options (tests: retry settings). */
  apiOptions?: NodeApiOptions;
}

/** The global flags. */
export interface GlobalFlags {
  /** `--base-url`. */
  baseUrl?: string;
  /** `--api-key`. */
  apiKey?: string;
}

/**
 * An Api from the flags; settings the flags leave out come from `WANDB_*` variables and netrc.
 * Retries are reported on stderr as they happen.
 */
export function createApi(flags: GlobalFlags, io: CliIo, extra: NodeApiOptions = {}): Api {
  return new Api({
    ...io.apiOptions,
    ...extra,
    hooks: allHooks(io.apiOptions?.hooks, extra.hooks, retryNotes(io.stderr)),
    ...(flags.baseUrl ? { baseUrl: flags.baseUrl } : {}),
    ...(flags.apiKey ? { apiKey: flags.apiKey } : {}),
  });
}

/** Writes text and waits until the stream took it (so that large outputs respect back-pressure). */
export function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(text, (error) => (error ? reject(error) : resolve()));
  });
}

/** Loads one run by path for a command; `call` carries the command's signal to later requests. */
export async function loadRun(
  path: string,
  globals: GlobalFlags,
  io: CliIo,
): Promise<{ run: Run; call: RequestOptions }> {
  const call: RequestOptions = io.signal ? { signal: io.signal } : {};
  const run = await createApi(globals, io).run(path, call);
  return { run, call };
}
