/** Thrown when the output cannot be used as asked (exit code 2). */
export class OutputError extends Error {
  override name = 'OutputError';
}
