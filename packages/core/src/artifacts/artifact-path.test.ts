import { describe, expect, it } from 'vitest';
import { BadInputError } from '../errors/bad-input-error';
import { isRegistryProject, parseArtifactPath, versionName } from './artifact-path';

describe('parseArtifactPath', () => {
  const defaults = { entity: 'me', project: 'proj' };

  it('splits one to three parts before the first colon; the alias may hold slashes', () => {
    expect(parseArtifactPath('e/p/model:v3', defaults)).toEqual({
      entity: 'e',
      project: 'p',
      collection: 'model',
      alias: 'v3',
      organization: undefined,
    });
    expect(parseArtifactPath('p/model:latest', defaults)).toMatchObject({
      entity: 'me',
      project: 'p',
      collection: 'model',
    });
    expect(parseArtifactPath('model:a/b:c', defaults)).toMatchObject({
      project: 'proj',
      collection: 'model',
      alias: 'a/b:c',
    });
    expect(parseArtifactPath('model', {})).toMatchObject({
      entity: undefined,
      project: 'uncategorized',
      alias: null,
    });
    expect(versionName(parseArtifactPath('model', {}))).toBe('model');
    expect(versionName(parseArtifactPath('e/p/model:v1', {}))).toBe('model:v1');
  });

  it('reads a registry path: the first of three segments is the organization, not the entity', () => {
    expect(parseArtifactPath('acme-org/wandb-registry-model/clf:prod', defaults)).toEqual({
      entity: undefined,
      project: 'wandb-registry-model',
      collection: 'clf',
      alias: 'prod',
      organization: 'acme-org',
    });
    expect(parseArtifactPath('wandb-registry-model/clf', defaults)).toMatchObject({
      organization: undefined,
      entity: undefined,
    });
    expect(isRegistryProject('wandb-registry-x')).toBe(true);
    expect(isRegistryProject('model-registry')).toBe(false);
  });

  it('refuses more than three parts, empty parts and empty aliases with BadInputError', () => {
    for (const bad of ['a/b/c/d:v0', 'e//m:v0', '/m', 'm:', '', `${'x'.repeat(129)}:v0`]) {
      expect(() => parseArtifactPath(bad, defaults), bad).toThrow(BadInputError);
    }
    expect(() => parseArtifactPath('a/b/c/d:v0')).toThrow(
      "Invalid artifact path: 'a/b/c/d:v0' (more than three parts before the alias)",
    );
  });
});
