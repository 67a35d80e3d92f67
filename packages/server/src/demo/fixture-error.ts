/** A fixture that does not follow the format; `path` names the bad field, e.g. `runs[2].tags[0]`. */
export class FixtureError extends Error {
  override readonly name = 'FixtureError';

  constructor(
    /** Where in the fixture the problem is. */
    readonly path: string,
    problem: string,
  ) {
    super(`Fixture ${path}: ${problem}`);
  }
}
