import { UpsertSweepDocument } from '@wbapi/gql';
import { malformedReply } from '../errors/malformed-reply';
import type { RequestOptions, Session } from '../session/session';
import { sweepConfigText, type SweepConfigInput } from './sweep-config-text';

/** Options of `api.createSweep()`. */
export interface CreateSweepOptions extends RequestOptions {
  /** The entity. @defaultValue the settings entity, else the server picks the viewer's */
  entity?: string | null;
  /** The project. @defaultValue the config's `project`, else the settings project, else `uncategorized` */
  project?: string | null;
  /** Ids of runs of the project to add to the sweep (Python's `prior_runs`). */
  priorRuns?: string[];
  /** A display name for the sweep. */
  displayName?: string;
}

/** What `api.createSweep()` answers: where the sweep is and what the server found odd in its config. */
export interface CreatedSweep {
  /** The sweep id (8 characters), what Python's `wandb.sweep` returns. */
  id: string;
  /** The entity the sweep was made in. */
  entity: string;
  /** The project the sweep was made in. */
  project: string;
  /** `entity/project/id`, for `api.sweep(path)`. */
  path: string;
  /** The server's config validation warnings (the sweep is created anyway). */
  warnings: string[];
}

/**
 * Creates a sweep, like Python's `wandb.sweep(config, entity, project)` (wandb/wandb `wandb/sdk/internal/internal_api.py` `upsert_sweep`):
 * the config (an object, written as YAML, or YAML text sent as is) goes in one `upsertSweep`, the
 * official client's third variant (servers too old to answer `configValidationWarnings` refuse it).
 * Returns where the sweep is rather than the loaded sweep: `api.sweep(created.path)` loads it.
 *
 * @throws BadInputError when the config is not a mapping (before any request)
 * @example
 * ```ts
 * const { id, path } = await api.createSweep(
 *   { method: 'grid', metric: { name: 'loss' }, parameters: { lr: { values: [0.1, 0.01] } } },
 *   { project: 'mnist' },
 * );
 * ```
 */
export async function createSweep(
  session: Session,
  config: SweepConfigInput,
  options: CreateSweepOptions = {},
): Promise<CreatedSweep> {
  const { entity, project, priorRuns, displayName, ...call } = options;
  const { text, parsed } = await sweepConfigText(config);
  const defaults = await session.defaults();
  const configProject = typeof parsed.project === 'string' ? parsed.project : undefined;
  const result = await session.client.request(
    UpsertSweepDocument,
    {
      config: text,
      description: typeof parsed.description === 'string' ? parsed.description : null,
      entityName: entity ?? defaults.entity ?? null,
      projectName: project ?? configProject ?? defaults.project ?? null,
      priorRunsFilters: priorRuns?.length
        ? JSON.stringify({ $or: priorRuns.map((name) => ({ name })) })
        : null,
      displayName: displayName ?? null,
    },
    call,
  );
  const sweep = result.upsertSweep?.sweep;
  if (!sweep?.project) throw malformedReply('upsertSweep returned no sweep');
  const where = { entity: sweep.project.entity.name, project: sweep.project.name };
  return {
    id: sweep.name,
    ...where,
    path: `${where.entity}/${where.project}/${sweep.name}`,
    warnings: result.upsertSweep?.configValidationWarnings ?? [],
  };
}
