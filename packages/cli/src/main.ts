import { CommanderError } from 'commander';
import type { CliIo } from './context';
import { describeError, ExitCode, exitCodeFor } from './exit-codes';
import { createProgram } from './program';

/** What to tell a user who stopped a command with Ctrl-C. */
const INTERRUPTED_HINTS: Record<string, string> = {
  export: ' (run the same export with --resume to continue)',
  get: ' (files already verified stay in the cache: run it again to continue)',
};

/**
 * Runs `wbapi` with `argv` (without the node and script names) and resolves with the exit code;
 * errors are reported on `io.stderr` as one line.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const program = createProgram(io);
  let command = '';
  program.hook('preAction', (_program, action) => {
    command = action.name();
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return ExitCode.ok;
  } catch (error) {
    // commander already printed its own usage errors.
    if (!(error instanceof CommanderError)) {
      const hint = exitCodeFor(error) === ExitCode.interrupted ? (INTERRUPTED_HINTS[command] ?? '') : '';
      io.stderr.write(`wbapi: ${describeError(error)}${hint}\n`);
    }
    return exitCodeFor(error);
  }
}
