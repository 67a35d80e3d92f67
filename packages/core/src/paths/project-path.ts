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
 * `"p"` → (default entity, `p`); `"e/p"` → (`e`, `p`); no path → (default entity, default
 * project or `"uncategorized"`).
 *
 * Unlike the SDK, an empty entity or project is refused here rather than sent to the server, and
 * so is a path of more than two parts (`"e/p/x"`, which the SDK sends as project `p/x` and then
 * reports as a project not found: W&B project names hold no `/`).
 *
 * @throws BadInputError `entity must be passed as a parameter, or set in settings` when no entity
 *   is known, `Invalid path: '<input>' (missing project)` for `"e/"`; `.missing` says which;
 *   `Invalid path: '<input>' (too many parts: ...)` for `"e/p/x"` (no `.missing`).
 */
export function parseProjectPath(path: string | null | undefined, defaults: PathDefaults = {}): ProjectPath {
  let entity = defaults.entity ?? '';
  let project = defaults.project || 'uncategorized';
  if (path !== null && path !== undefined) {
    const at = path.indexOf('/');
    if (at < 0) project = path;
    else [entity, project] = [path.slice(0, at), path.slice(at + 1)];
    if (project.includes('/'))
      throw new BadInputError(
        `Invalid path: ${pythonRepr(path)} (too many parts: a project path is entity/project)`,
      );
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
