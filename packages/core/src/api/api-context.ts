import type { ArtifactCalls } from '../artifacts/artifact-calls';
import type { RunRef } from '../paths/refs';
import type { Platform } from '../platform';
import type { RunsOptions, ProjectTarget } from '../runs/list-runs';
import type { Runs } from '../runs/runs';
import type { RequestOptions, Session } from '../session/session';
import type { Sweep } from '../sweeps/sweep';

/**
 * What the classes (`Run`, `Sweep`, `Project`, `BetaReport`, ...) share: the session, plus the
 * two constructors through which they reach each other (a sweep lists its runs, a run loads
 * its sweep) without importing each other. `new Api()` makes it (`api.context`).
 */
export interface ApiContext<P extends Platform = Platform> extends Session<P> {
  /** A runs listing as `Run` objects. */
  runs(target: ProjectTarget, options?: RunsOptions): Runs<P>;
  /** Loads a sweep as a `Sweep` object (the YAML parser and the sweep classes load on first use). */
  sweep(ref: RunRef, options?: RequestOptions): Promise<Sweep<P>>;
  /** The artifact functions `api.artifact()`, `run.loggedArtifacts()`, ... call (`ApiOptions.artifacts`). */
  readonly artifacts?: ArtifactCalls | undefined;
}
