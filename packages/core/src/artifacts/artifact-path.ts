import { BadInputError } from '../errors/bad-input-error';
import { pythonRepr } from '../paths/python-repr';

/** Prefix of registry projects: `wandb-registry-<name>` (wandb/wandb `wandb/apis/public/registries/`). */
export const REGISTRY_PREFIX = 'wandb-registry-';

/** An artifact path split into its parts (wandb/wandb `wandb/sdk/artifacts/_validators.py`). */
export interface ArtifactPath {
  /** Entity (the org entity once a registry path is resolved); undefined when not in the path. */
  entity: string | undefined;
  /** Project; `uncategorized` or the settings project when not in the path. */
  project: string;
  /** Collection name. */
  collection: string;
  /** `vN`, `latest` or a user alias; null when the path has none. */
  alias: string | null;
  /** The first segment of a three-part registry path (an organization name or org entity). */
  organization: string | undefined;
}

/** Whether a project is a registry (`wandb-registry-*`). */
export function isRegistryProject(project: string): boolean {
  return project.startsWith(REGISTRY_PREFIX);
}

function invalid(path: string, why: string): never {
  throw new BadInputError(`Invalid artifact path: ${pythonRepr(path)} (${why})`);
}

/**
 * Parses `[[entity/]project/]collection[:alias]` as the Python client does: split at the first
 * `:` (an alias may hold `/`), then the left part on `/` into one to three parts. Stricter than
 * 0.26.1: empty parts are refused. In a registry project (`wandb-registry-*`) a first segment is
 * the organization, not the entity.
 *
 * @throws BadInputError for more than three parts or an empty part.
 * @example
 * parseArtifactPath('acme/mnist/model:v3') // { entity: 'acme', project: 'mnist', collection: 'model', alias: 'v3', ... }
 */
export function parseArtifactPath(
  path: string,
  defaults: { entity?: string | undefined; project?: string | undefined } = {},
): ArtifactPath {
  if (typeof path !== 'string' || path === '') invalid(String(path), 'empty');
  const colon = path.indexOf(':');
  const left = colon < 0 ? path : path.slice(0, colon);
  const alias = colon < 0 ? null : path.slice(colon + 1);
  if (alias === '') invalid(path, 'empty alias');
  const parts = left.split('/');
  if (parts.length > 3) invalid(path, 'more than three parts before the alias');
  if (parts.some((p) => p === '')) invalid(path, 'empty part');
  const collection = parts.at(-1) as string;
  if (collection.length > 128) invalid(path, 'collection name longer than 128 characters');
  const project = parts.length >= 2 ? (parts.at(-2) as string) : defaults.project || 'uncategorized';
  const first = parts.length === 3 ? parts[0] : undefined;
  if (isRegistryProject(project)) {
    return { entity: undefined, project, collection, alias, organization: first };
  }
  return { entity: first ?? defaults.entity, project, collection, alias, organization: undefined };
}

/** `collection:alias`, the name the server resolves (a bare collection when there is no alias). */
export function versionName(path: Pick<ArtifactPath, 'collection' | 'alias'>): string {
  return path.alias === null ? path.collection : `${path.collection}:${path.alias}`;
}
