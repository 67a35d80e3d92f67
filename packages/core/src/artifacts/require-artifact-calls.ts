import { BadInputError } from '../errors/bad-input-error';
import type { ArtifactCalls } from './artifact-calls';

/**
 * The artifact functions an Api was given (`new Api({ artifacts })`; the Node `Api` always has
 * them). Without them, a BadInputError says how to pass them (or call the functions,
 * `resolveArtifact(api.context, path)`, directly).
 */
export function requireArtifactCalls(context: {
  readonly artifacts?: ArtifactCalls | undefined;
}): ArtifactCalls {
  if (context.artifacts) return context.artifacts;
  // Short on purpose: every page that uses the classes carries this text.
  throw new BadInputError('No artifact functions in this Api: new Api({ artifacts: artifactCalls })');
}
