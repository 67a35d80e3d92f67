import { describe, expect, it } from 'vitest';
import { BadInputError } from '../errors';
import { parseProjectPath } from './project-path';
import { parseRunPath } from './run-path';

const dflt = { entity: 'dflt' };

describe('parseRunPath (the rules of the current Python SDK)', () => {
  it.each([
    ['e/p/r', ['e', 'p', 'r']],
    ['/e/p/r/', ['e', 'p', 'r']],
    ['e/p/runs/r', ['e', 'p', 'r']],
    ['e/p:r', ['e', 'p', 'r']],
    ['e/p/sweeps/s', ['e', 'p', 's']],
    ['p/r', ['dflt', 'p', 'r']],
    ['p:r', ['dflt', 'p', 'r']],
    ['a:b:c', ['dflt', 'a', 'b:c']],
    [' e / p / r ', ['e', 'p', 'r']],
    ['e/p/runs/runs/x', ['e', 'p', 'x']],
  ])('%j → %j', (input, [entity, project, id]) => {
    expect(parseRunPath(input, dflt)).toEqual({ entity, project, id });
  });

  it.each([
    ['r', dflt, 'project', "Invalid path: 'r' (missing project)"],
    [
      'e/p/r/x',
      dflt,
      undefined,
      "Invalid path: 'e/p/r/x' (too many parts: a run path is entity/project/run_id)",
    ],
    [
      'e/p/r/x',
      {},
      undefined,
      "Invalid path: 'e/p/r/x' (too many parts: a run path is entity/project/run_id)",
    ],
    ['', {}, 'entity', "Invalid path: '' (missing entity)"],
  ])('%j with defaults %j fails naming %s', (input, defaults, missing, message) => {
    const error = (() => {
      try {
        parseRunPath(input, defaults);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(BadInputError);
    expect((error as BadInputError).missing).toBe(missing);
    expect((error as BadInputError).message).toBe(message);
  });

  it.each(['', '/', ':', 'entity/project:', 'e/p/r/x'])('%j is invalid even with defaults', (input) => {
    expect(() => parseRunPath(input, { entity: 'dflt', project: 'proj' })).toThrow(BadInputError);
  });

  it('uses the default project for a bare id and reports a missing id without suffix', () => {
    expect(parseRunPath('r', { entity: 'e', project: 'p' })).toEqual({ entity: 'e', project: 'p', id: 'r' });
    expect(() => parseRunPath('entity/project:', {})).toThrow("Invalid path: 'entity/project:'");
    expect(() => parseRunPath("it's", {})).toThrow(`Invalid path: "it's" (missing entity)`);
  });

  it('accepts app URLs (extension), dropping scheme, host, query, fragment and tab', () => {
    for (const url of [
      'https://wandb.ai/e/p/runs/r',
      'https://wandb.ai/e/p/runs/r?workspace=user-x',
      'http://localhost:8080/e/p/runs/r/#frag',
      'https://wandb.ai/e/p/runs/r/logs',
    ]) {
      expect(parseRunPath(url, {})).toEqual({ entity: 'e', project: 'p', id: 'r' });
    }
    expect(parseRunPath('https://wandb.ai/e/p/sweeps/s', {})).toEqual({ entity: 'e', project: 'p', id: 's' });
  });
});

describe("parseProjectPath (the rules of Python's `_parse_project_path`)", () => {
  it.each([
    [null, ['dflt', 'uncategorized']],
    ['p', ['dflt', 'p']],
    ['e/p', ['e', 'p']],
  ])('%j → %j', (input, [entity, project]) => {
    expect(parseProjectPath(input, dflt)).toEqual({ entity, project });
  });

  it('uses the settings project by default', () => {
    expect(parseProjectPath(undefined, { entity: 'e', project: 'proj' })).toEqual({
      entity: 'e',
      project: 'proj',
    });
  });

  it('refuses a missing entity or project', () => {
    expect(() => parseProjectPath('p', {})).toThrow(
      'entity must be passed as a parameter, or set in settings',
    );
    expect(() => parseProjectPath('e/', {})).toThrow("Invalid path: 'e/' (missing project)");
  });

  it('refuses more than two parts instead of looking for project "b/c/d"', () => {
    expect(() => parseProjectPath('a/b/c/d', dflt)).toThrow(
      "Invalid path: 'a/b/c/d' (too many parts: a project path is entity/project)",
    );
  });
});
