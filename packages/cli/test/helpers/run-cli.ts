import { Writable } from 'node:stream';
import type { NodeApiOptions } from '@wbapi/node';
import { main } from '../../src';

/** What a CLI run printed and its exit code. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A stream that keeps what is written and tells `onText` about each piece. */
function capture(onText?: (text: string) => void): Writable & { text: string } {
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      const text = chunk.toString();
      stream.text += text;
      onText?.(text);
      done();
    },
  }) as Writable & { text: string };
  stream.text = '';
  return stream;
}

/** Options of {@link runCli}. */
export interface RunCliOptions {
  /** Aborts the command, as Ctrl-C does. */
  signal?: AbortSignal;
  /** Called with everything written to stderr (progress lines), piece by piece. */
  onStderr?: (text: string) => void;
  /** Api options (fast retries in tests). */
  apiOptions?: NodeApiOptions;
}

/** Runs `wbapi` in this process with its output captured. */
export async function runCli(argv: string[], options: RunCliOptions = {}): Promise<CliResult> {
  const stdout = capture();
  const stderr = capture(options.onStderr);
  const code = await main(argv, {
    stdout,
    stderr,
    ...(options.signal ? { signal: options.signal } : {}),
    apiOptions: { cache: false, ...options.apiOptions },
  });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** Fast client retries so that a failing server ends a command quickly. */
export const FAST_RETRIES: RunCliOptions = {
  apiOptions: { retry: { maxRetries: 2, baseDelayMs: 1, jitter: 0 } },
};

/** Aborts once `count` runs were written (the plain progress lines say so). */
export function abortAfterRuns(count: number): { signal: AbortSignal; onStderr: (text: string) => void } {
  const controller = new AbortController();
  return {
    signal: controller.signal,
    onStderr: (text) => {
      const done = /runs (\d+)\//.exec(text);
      if (done && Number(done[1]) >= count) controller.abort(new DOMException('stop', 'AbortError'));
    },
  };
}
