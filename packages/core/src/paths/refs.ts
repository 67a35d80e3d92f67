/** A project by name: what listing runs, sweeps or reports takes. */
export interface ProjectRef {
  /** The entity (user or team) that owns the project. */
  entity: string;
  /** The project's name. */
  project: string;
}

/** A run (or a sweep) by id: what the history, file and run functions take. */
export interface RunRef extends ProjectRef {
  /** The run id (GraphQL `name`), e.g. `k3j2h1g0`; for a sweep, the sweep id. */
  id: string;
}
