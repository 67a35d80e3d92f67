import { NotLoadedError } from '../errors/not-loaded-error';
import { describeRun } from './run-attrs';
import { describeSelection, missingFields, type RunSelection } from './run-selection';

/** What these helpers need of a `Run`. */
interface RunLike {
  readonly entity: string;
  readonly project: string;
  readonly id: string;
  readonly state: string;
}

/** Runs from a light listing not loaded since, with how they were listed and the fields left out. */
const partial = new WeakMap<RunLike, { selection: RunSelection; fields: string[] }>();

function hint(run: RunLike, selection: RunSelection): string {
  const name = describeRun(run.entity, run.project, run.id, run.state);
  return `${name} came from ${describeSelection(selection)}: await run.load() first`;
}

/**
 * Marks a run built from a light listing: each heavy field it lacks becomes a property whose read
 * throws {@link NotLoadedError} (not enumerable, so spreading or printing the run skips it);
 * assigning to it stores the value. Nothing happens for a full selection.
 */
export function markNotLoaded(run: RunLike, selection: RunSelection): void {
  const fields = missingFields(selection);
  if (!selection.light) return;
  partial.set(run, { selection, fields });
  for (const field of fields) {
    Object.defineProperty(run, field, {
      configurable: true,
      enumerable: false,
      get() {
        throw new NotLoadedError(`run.${field} was not loaded: ${hint(run, selection)}`, { field });
      },
      set(value: unknown) {
        Object.defineProperty(run, field, { value, writable: true, enumerable: true, configurable: true });
      },
    });
  }
}

/** Whether the run came from a light listing and was not loaded since. */
export function isPartial(run: RunLike): boolean {
  return partial.has(run);
}

/** Forgets that the run was partial and drops its throwing properties (the caller decodes the run again). */
export function markLoaded(run: RunLike): void {
  const state = partial.get(run);
  if (!state) return;
  partial.delete(run);
  for (const field of state.fields) {
    if (Object.getOwnPropertyDescriptor(run, field)?.get) Reflect.deleteProperty(run, field);
  }
}

/**
 * Throws {@link NotLoadedError} when the run is partial: `action` (e.g. `run.update()`) writes the
 * whole config and summary, which a light listing did not read.
 */
export function requireLoaded(run: RunLike, action: string): void {
  const state = partial.get(run);
  if (!state) return;
  throw new NotLoadedError(`${action} writes the whole config and summary: ${hint(run, state.selection)}`, {
    field: 'update',
  });
}
