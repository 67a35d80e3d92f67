import { BadInputError } from '../errors/bad-input-error';
import type { PathDefaults } from './run-path';
import { pythonRepr } from './python-repr';

/** A project address. */
export interface ProjectPath {
  /** Entity (user or team). */
  entity: string;
  /** Project name. */
  project: string;
}

/**
 * Parses a project path the way the Python SDK does (`_parse_project_path` in `wandb/apis/public/api.py`):
 * split at the **first** `/` only; `"p"` → (default entity, `p`); `"e/p"` → (`e`, `p`);
 * `"e/p/x"` → (`e`, `p/x`); no path → (default entity, default project or `"uncategorized"`).
 *
 * Unlike the SDK, an empty entity or project is refused here rather than sent to the server.
 *
 * @throws BadInputError `entity must be passed as a parameter, or set in settings` when no entity
 *   is known, `Invalid path: '<input>' (missing project)` for `"e/"`; `.missing` says which.
 */
export function parseProjectPath(path: string | null | undefined, defaults: PathDefaults = {}): ProjectPath {
  let entity = defaults.entity ?? '';
  let project = defaults.project || 'uncategorized';
  if (path !== null && path !== undefined) {
    const at = path.indexOf('/');
    if (at < 0) project = path;
    else [entity, project] = [path.slice(0, at), path.slice(at + 1)];
  }
  if (!entity)
    throw new BadInputError('entity must be passed as a parameter, or set in settings', {
      missing: 'entity',
    });
  if (!project)
    throw new BadInputError(`Invalid path: ${pythonRepr(path ?? '')} (missing project)`, {
      missing: 'project',
    });
  return { entity, project };
}
