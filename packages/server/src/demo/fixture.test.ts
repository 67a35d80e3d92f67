import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { DatasetRun } from './dataset';
import { loadFixture } from './fixture';
import { FixtureError } from './fixture-error';

/** The example fixture of README.md, so the documentation stays loadable. */
function readmeExample(): Record<string, unknown> {
  const text = readFileSync(new URL('./README.md', import.meta.url), 'utf8');
  const block = /```json\n([\s\S]*?)```/.exec(text)?.[1];
  return JSON.parse(block ?? 'null') as Record<string, unknown>;
}

const decode = (bytes: unknown): string => new TextDecoder().decode(bytes as Uint8Array);

describe('loadFixture', () => {
  it('loads the README example with its defaults', () => {
    const dataset = loadFixture(readmeExample());
    expect(dataset.users[0]).toMatchObject({ username: 'ada', entity: 'ada', email: 'ada@example.test' });
    expect(dataset.projects.map((p) => `${p.entity}/${p.name}`)).toEqual(['ada/mnist', 'ada/vision']);
    expect(dataset.projects[0]?.createdAt).toBe('2024-05-01T09:00:00');
    const [first, second] = [...dataset.runs] as DatasetRun[];
    expect(first?.config).toEqual({
      lr: { value: 0.001, desc: null },
      optimizer: { value: { name: 'adam' }, desc: null },
    });
    expect([...(first as DatasetRun).history]).toEqual([
      { _step: 0, loss: 0.9, val_loss: 1.0 },
      { _step: 1, loss: 0.5, val_loss: 0.7 },
    ]);
    expect(first?.summary).toEqual({ _step: 1, loss: 0.5, val_loss: 0.7 });
    expect(first?.username).toBe('ada');
    const files = [...(first as DatasetRun).files];
    expect(files.map((f) => [f.name, f.mimetype])).toEqual([
      ['output.log', 'text/plain'],
      ['wandb-summary.json', 'application/json'],
      ['model.bin', 'application/octet-stream'],
    ]);
    expect(decode(files[0]?.bytes)).toBe('epoch 1 done\n');
    expect(JSON.parse(decode(files[1]?.bytes))).toEqual({ loss: 0.5 });
    expect([...(files[2]?.bytes as Uint8Array)]).toEqual([0, 1, 2, 3]);
    expect(second).toMatchObject({ state: 'crashed', displayName: null, summary: { loss: 2.5 }, tags: [] });
    expect(second?.createdAt).toBe('2024-01-01T00:00:01');
    const sweep = dataset.sweeps[0];
    expect(sweep).toMatchObject({ method: 'bayes', state: 'FINISHED' });
    expect(parse(sweep?.config ?? '')).toMatchObject({ metric: { name: 'val_loss', goal: 'minimize' } });
    expect(dataset.reports[0]).toMatchObject({
      displayName: 'Weekly Results',
      username: 'ada',
      name: 'report-1',
    });
  });

  it('keeps NaN and Infinity numbers from a tolerant parser', () => {
    const dataset = loadFixture({
      runs: [{ entity: 'e', project: 'p', name: 'r', summary: { loss: NaN, best: Infinity } }],
    });
    const [run] = [...dataset.runs];
    expect(run?.summary.loss).toBeNaN();
    expect(run?.summary.best).toBe(Infinity);
  });

  const pathOf = (json: unknown): string => {
    try {
      loadFixture(json);
    } catch (error) {
      expect(error).toBeInstanceOf(FixtureError);
      return `${(error as FixtureError).path} | ${(error as Error).message}`;
    }
    throw new Error('expected a FixtureError');
  };
  const run = { entity: 'e', project: 'p', name: 'r' };

  it('names the bad field in its errors', () => {
    expect(pathOf([])).toMatch(/^\(root\) \|.*expected an object/);
    expect(pathOf({ run: [] })).toMatch(/^run \|.*unknown field/);
    expect(pathOf({ version: 2 })).toMatch(/^version/);
    expect(pathOf({ runs: [{ ...run, tags: ['a', 3] }] })).toMatch(
      /^runs\[0\]\.tags\[1\] \|.*expected a string, got a number/,
    );
    expect(pathOf({ runs: [{ ...run, displayname: 'x' }] })).toMatch(
      /^runs\[0\]\.displayname \|.*unknown field/,
    );
    expect(pathOf({ runs: [{ entity: 'e', project: 'p' }] })).toMatch(/^runs\[0\]\.name \|.*required/);
    expect(pathOf({ runs: [run, run] })).toMatch(/^runs\[1\]\.name \|.*duplicate/);
    expect(pathOf({ runs: [{ ...run, createdAt: 'yesterday' }] })).toMatch(/^runs\[0\]\.createdAt \|.*ISO/);
    expect(pathOf({ runs: [{ ...run, history: [{ _step: 2 }, { _step: 1 }] }] })).toMatch(
      /^runs\[0\]\.history\[1\]\._step/,
    );
    expect(pathOf({ runs: [{ ...run, files: [{ name: 'a', text: 'x', base64: 'AA==' }] }] })).toMatch(
      /^runs\[0\]\.files\[0\] \|.*exactly one/,
    );
    expect(pathOf({ runs: [{ ...run, files: [{ name: 'a', base64: '%%' }] }] })).toMatch(
      /files\[0\]\.base64/,
    );
    expect(pathOf({ runs: [{ ...run, sweep: 'nope' }] })).toMatch(/^runs\[0\]\.sweep \|.*no sweep "nope"/);
    expect(pathOf({ runs: [{ ...run, config: [] }] })).toMatch(/^runs\[0\]\.config \|.*expected an object/);
    expect(pathOf({ users: [{ username: 'u', apiKey: 'short' }] })).toMatch(/^users\[0\]\.apiKey \|.*40/);
    expect(pathOf({ sweeps: [{ entity: 'e', project: 'p', name: 's', config: 'a: [' }] })).toMatch(
      /^sweeps\[0\]\.config \|.*YAML/,
    );
    expect(pathOf({ reports: [{ entity: 'e', project: 'p', spec: 'x' }] })).toMatch(/^reports\[0\]\.spec/);
  });
});
