import { BadInputError } from '../errors/bad-input-error';
import { pythonRepr } from './python-repr';

/** Defaults used when a path leaves out its entity or project. */
export interface PathDefaults {
  /** Settings entity, else the viewer's default entity (resolved by the caller). */
  entity?: string | null | undefined;
  /** Settings project. */
  project?: string | null | undefined;
}

/** A run (or sweep) address. */
export interface RunPath {
  /** Entity (user or team). */
  entity: string;
  /** Project name. */
  project: string;
  /** Run id (or sweep id). */
  id: string;
}

/** Drops `scheme://host` plus `?query` and `#fragment` from app URLs (an extension: the SDK does not parse URLs). */
function stripUrl(path: string): string {
  const match = /^\s*https?:\/\/[^/]*(\/[^?#]*)?/i.exec(path);
  if (!match) return path;
  // App URLs may carry a tab after the id (`/e/p/runs/id/logs`): keep only e/p/runs/id.
  const parts = (match[1] ?? '').split('/').filter((part) => part !== '');
  if (parts.length > 4 && (parts[2] === 'runs' || parts[2] === 'sweeps')) return parts.slice(0, 4).join('/');
  return parts.join('/');
}

/** Splits `text` at the first `separator`. */
function splitFirst(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return [text.slice(0, at), text.slice(at + separator.length)];
}

/** Strips the characters `/` and space from both ends, like Python's `strip("/ ")`. */
function stripSlashesAndSpaces(text: string): string {
  return text.replace(/^[/ ]+|[/ ]+$/g, '');
}

/**
 * Parses a run or sweep path the way the current Python SDK does (`_parse_path` in `wandb/apis/public/api.py`):
 * `e/p/id`, `e/p/runs/id`, `e/p/sweeps/id`, `e/p:id`, `p/id`, `p:id`, `id` (project from defaults).
 *
 * Extension: an app URL such as `https://wandb.ai/e/p/runs/id?tab=logs` is accepted too (scheme,
 * host, query and fragment are dropped).
 *
 * @throws BadInputError `Invalid path: '<input>' (missing entity)` / `(missing project)` / with no
 *   suffix when the id is missing; `.missing` says which. More than three parts (`a/b/c/d`) is
 *   `(too many parts: ...)` with no `.missing`, where the SDK blames a missing entity.
 * @example
 * ```ts
 * parseRunPath('acme/mnist/runs/abc123', {}); // { entity: 'acme', project: 'mnist', id: 'abc123' }
 * parseRunPath('mnist:abc123', { entity: 'me' }); // { entity: 'me', project: 'mnist', id: 'abc123' }
 * ```
 */
export function parseRunPath(path: string, defaults: PathDefaults = {}): RunPath {
  if (typeof path !== 'string') throw new BadInputError('Invalid path: expected a string', { missing: 'id' });
  let entity = defaults.entity ?? '';
  let project = defaults.project ?? '';
  let id = '';
  const text = stripSlashesAndSpaces(stripUrl(path).replaceAll('/runs/', '/').replaceAll('/sweeps/', '/'));
  const parts = text.split('/');
  if (parts.length === 4 && parts[2] === 'runs')
    [entity, project, , id] = parts as [string, string, string, string];
  else if (parts.length === 3) [entity, project, id] = parts as [string, string, string];
  else if (parts.length === 2) {
    const [first, second] = parts as [string, string];
    if (second.includes(':')) {
      entity = first;
      [project, id] = splitFirst(second, ':');
    } else [project, id] = [first, second];
  } else if (parts.length === 1 && parts[0] !== '') {
    const only = parts[0] as string;
    if (only.includes(':')) [project, id] = splitFirst(only, ':');
    else id = only;
  } else if (parts.length > 3) {
    // The SDK reports these as a missing entity or project, which sends users looking for the
    // wrong mistake.
    throw new BadInputError(
      `Invalid path: ${pythonRepr(path)} (too many parts: a run path is entity/project/run_id)`,
    );
  }
  entity = entity.trim();
  project = project.trim();
  id = id.trim();
  const shown = pythonRepr(path);
  if (!entity) throw new BadInputError(`Invalid path: ${shown} (missing entity)`, { missing: 'entity' });
  if (!project) throw new BadInputError(`Invalid path: ${shown} (missing project)`, { missing: 'project' });
  if (!id) throw new BadInputError(`Invalid path: ${shown}`, { missing: 'id' });
  return { entity, project, id };
}
