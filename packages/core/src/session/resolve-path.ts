import { BadInputError } from '../errors/bad-input-error';
import { NotFoundError } from '../errors/not-found-error';
import { parseProjectPath, parseRunPath } from '../paths';
import type { CallOptions } from '../transport';
import type { Session } from './session';

const NO_ENTITY = 'entity must be passed as a parameter, or set in settings';

/**
 * Runs `parse` with the settings defaults; only when it fails for want of an entity is the
 * viewer's default entity asked for (one request, cached) and the parse repeated.
 */
async function withDefaultEntity<T>(
  context: Session,
  parse: (defaults: { entity?: string; project?: string }) => T,
  options: CallOptions,
): Promise<T> {
  const { entity, project } = await context.defaults();
  try {
    return parse({ entity, project });
  } catch (error) {
    if (!(error instanceof BadInputError) || error.missing !== 'entity' || entity) throw error;
    const viewerEntity = await context.defaultEntity(options);
    if (!viewerEntity) throw error;
    return parse({ entity: viewerEntity, project });
  }
}

/** `entity/project/id` from a run or sweep path, in the order Python's `wandb.Api().run(path)` reads them (see `paths/run-path.ts`). */
export function resolveRunPath(
  context: Session,
  path: string,
  options: CallOptions = {},
): Promise<{ entity: string; project: string; id: string }> {
  return withDefaultEntity(context, (defaults) => parseRunPath(path, defaults), options);
}

/** `entity/project` from a project path, (see `paths/project-path.ts`). */
export function resolveProjectPath(
  context: Session,
  path: string | undefined,
  options: CallOptions = {},
): Promise<{ entity: string; project: string }> {
  return withDefaultEntity(context, (defaults) => parseProjectPath(path, defaults), options);
}

/** An explicit entity, else the settings entity, else the viewer's; BadInputError when none. */
export async function resolveEntity(
  context: Session,
  entity: string | undefined,
  options: CallOptions = {},
): Promise<string> {
  const chosen = entity || (await context.defaults()).entity || (await context.defaultEntity(options));
  if (!chosen) throw new BadInputError(NO_ENTITY, { missing: 'entity' });
  return chosen;
}

/** Reports path: `path + "/fake_run"` through the run path rules (as Python's `Api.reports` does). */
export async function resolveReportsPath(
  context: Session,
  path: string,
  options: CallOptions = {},
): Promise<{ entity: string; project: string }> {
  try {
    const { entity, project } = await resolveRunPath(context, `${path}/fake_run`, options);
    return { entity, project };
  } catch (error) {
    if (error instanceof BadInputError && error.missing === 'entity') {
      throw new BadInputError(NO_ENTITY, { missing: 'entity' });
    }
    throw error;
  }
}

/**
 * A run that was not found under a two-part path (`demo/mnist`) was read as `project/run_id` in
 * the default entity: often the user meant a project and forgot the run id. The error says how
 * the path was read (other errors pass unchanged).
 */
export function explainMissingRun(error: unknown, path: string): unknown {
  if (!(error instanceof NotFoundError)) return error;
  const parts = path
    .trim()
    .replace(/^\/+|\/+$/g, '')
    .split('/');
  if (parts.length !== 2 || path.includes(':')) return error;
  return new NotFoundError(
    `${error.message}: '${path}' was read as project/run_id; a run path is entity/project/run_id (is the run id missing?)`,
    { status: error.status, cause: error },
  );
}
