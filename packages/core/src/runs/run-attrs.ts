import type { RunFieldsFragment } from '@wbapi/gql';

/** The raw GraphQL attributes of a run (the `RunFields` fragment), as the server sent them. */
export type RunAttrs = Partial<RunFieldsFragment> & { name: string };

/** The creator of a run. */
export interface RunUser {
  /** The user's full name. */
  name: string;
  /** The user's login name. */
  username: string | null;
}

/** `Run <e/p/id (state)>`, the way the SDK prints a run in messages. */
export function describeRun(entity: string, project: string, id: string, state: string): string {
  return `<Run ${entity}/${project}/${id} (${state})>`;
}
