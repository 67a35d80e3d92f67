import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { Dataset, DatasetFile, DatasetRun } from './dataset';
import { generateDemoDataset } from './generate';
import { DEMO_API_KEY } from './users';

const decoder = new TextDecoder();

/** Everything of a dataset as plain arrays (file chunks joined). */
function materialise(dataset: Dataset) {
  const bytesOf = (file: DatasetFile): number[] =>
    file.bytes instanceof Uint8Array ? [...file.bytes] : [...file.bytes()].flatMap((chunk) => [...chunk]);
  return {
    ...dataset,
    runs: [...dataset.runs].map((run) => ({
      ...run,
      history: [...run.history],
      events: [...run.events],
      files: [...run.files].map((file) => ({ ...file, bytes: bytesOf(file) })),
    })),
  };
}

const small = { historyLength: 40, runsPerProject: 6, projectsPerEntity: 2 };
const fileText = (run: DatasetRun, name: string): string => {
  const file = [...run.files].find((f) => f.name === name);
  if (!file || !(file.bytes instanceof Uint8Array)) throw new Error(`no ${name}`);
  return decoder.decode(file.bytes);
};

describe('generateDemoDataset', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = materialise(generateDemoDataset({ ...small, seed: 3 }));
    const b = materialise(generateDemoDataset({ ...small, seed: 3 }));
    const c = materialise(generateDemoDataset({ ...small, seed: 4 }));
    expect(a).toEqual(b);
    expect(c.runs.map((r) => r.name)).not.toEqual(a.runs.map((r) => r.name));
    expect(c.runs.map((r) => r.summary.loss)).not.toEqual(a.runs.map((r) => r.summary.loss));
  });

  it('yields the same runs each time it is iterated', () => {
    const dataset = generateDemoDataset(small);
    expect([...dataset.runs].map((r) => r.name)).toEqual([...dataset.runs].map((r) => r.name));
  });

  it('honours the size options', () => {
    const dataset = generateDemoDataset({
      entities: 2,
      projectsPerEntity: 2,
      runsPerProject: 4,
      historyLength: 50,
      keysPerRow: 9,
      filesPerRun: 2,
      sweeps: 2,
      reports: 2,
    });
    const runs = [...dataset.runs];
    expect(dataset.users).toHaveLength(2);
    expect(dataset.projects).toHaveLength(4);
    expect(dataset.sweeps).toHaveLength(2);
    expect(dataset.reports).toHaveLength(2);
    expect(runs).toHaveLength(16);
    for (const run of runs) {
      const rows = [...run.history];
      expect(rows).toHaveLength(50);
      const metrics = Object.keys(rows[0] as object).filter((k) => !k.startsWith('_'));
      expect(metrics).toHaveLength(9);
      expect([...run.files]).toHaveLength(2);
    }
    expect(new Set(runs.map((r) => `${r.entity}/${r.project}/${r.name}`)).size).toBe(16);
  });

  it('contains the well-known user, project, sweep, files and report', () => {
    const dataset = generateDemoDataset();
    const runs = [...dataset.runs];
    expect(runs).toHaveLength(30);
    expect(dataset.users[0]).toMatchObject({ username: 'demo', entity: 'demo', apiKey: DEMO_API_KEY });
    // the official SDK accepts `<prefix>-<secret>` keys whose secret is at least 40 word characters
    expect(DEMO_API_KEY.split('-').slice(1).join('-')).toMatch(/^[\w-]{40,}$/);
    expect(dataset.projects.map((p) => `${p.entity}/${p.name}`)).toContain('demo/mnist');

    const sweep = dataset.sweeps[0];
    expect(sweep).toMatchObject({ entity: 'demo', project: 'mnist', method: 'bayes' });
    const config = parse(sweep?.config ?? '') as Record<string, unknown>;
    expect(config).toMatchObject({ method: 'bayes', metric: { name: 'val_loss', goal: 'minimize' } });
    expect(Object.keys(config.parameters as object)).toContain('learning_rate');
    const sweepRuns = runs.filter((r) => r.sweep === sweep?.name);
    expect(sweepRuns.length).toBeGreaterThanOrEqual(3);
    for (const run of sweepRuns) {
      expect(run.project).toBe('mnist');
      expect(typeof run.summary.val_loss).toBe('number');
    }

    const finished = runs.find((r) => r.project === 'mnist' && r.state === 'finished') as DatasetRun;
    expect(fileText(finished, 'output.log')).toMatch(/Epoch 1\//);
    expect(JSON.parse(fileText(finished, 'wandb-summary.json'))).toEqual(finished.summary);
    expect(parse(fileText(finished, 'config.yaml'))).toEqual({ wandb_version: 1, ...finished.config });
    const model = [...finished.files].find((f) => f.name === 'model.bin');
    expect(model?.bytes).toBeInstanceOf(Uint8Array);
    expect((model?.bytes as Uint8Array).byteLength).toBeGreaterThan(1024);

    const report = dataset.reports[0];
    expect(report).toMatchObject({ entity: 'demo', project: 'mnist', username: 'demo' });
    const section = (report?.spec.panelGroups as Record<string, unknown>[])[0] as Record<string, unknown>;
    const runSet = (section.runSets as Record<string, unknown>[])[0] as Record<string, unknown>;
    expect(runSet.filters).toMatchObject({ op: 'OR', filters: [{ op: 'AND' }] });
    expect(runSet.sort).toEqual({ key: { section: 'summary', name: 'val_loss' }, ascending: true });
    const tree = (runSet.selections as { tree: string[] }).tree;
    const mnistNames = runs.filter((r) => r.project === 'mnist').map((r) => r.name);
    expect(tree.length).toBeGreaterThan(0);
    for (const name of tree) expect(mnistNames).toContain(name);
  });

  it('makes realistic runs: decaying loss, rising accuracy, scheduled learning rate, mixed states', () => {
    const runs = [...generateDemoDataset().runs];
    for (const state of ['finished', 'running', 'crashed', 'failed'])
      expect(runs.map((r) => r.state)).toContain(state);
    const run = runs.find((r) => r.state === 'finished') as DatasetRun;
    const rows = [...run.history] as Record<string, number>[];
    const mean = (list: Record<string, number>[], key: string): number =>
      list.reduce((sum, row) => sum + (row[key] as number), 0) / list.length;
    const head = rows.slice(0, 60);
    const tail = rows.slice(-60);
    expect(mean(tail, 'loss')).toBeLessThan(mean(head, 'loss') / 2);
    expect(mean(tail, 'acc')).toBeGreaterThan(mean(head, 'acc'));
    expect(rows.at(-1)?.lr).toBeLessThan(rows[0]?.lr as number);
    rows.forEach((row, i) => expect(row._step).toBe(i));
    for (let i = 1; i < rows.length; i++) {
      expect(rows[i]?._runtime).toBeGreaterThan(rows[i - 1]?._runtime as number);
    }
    expect(run.config.optimizer).toMatchObject({
      value: { name: expect.any(String), lr: expect.any(Number) },
    });
    expect(run.config.model).toMatchObject({
      value: { layers: expect.any(Number), hidden: expect.any(Number) },
    });
    expect(run.config._wandb).toMatchObject({ value: { cli_version: expect.any(String) } });
    const events = [...run.events];
    expect(events.length).toBeGreaterThan(1);
    expect(events[0]).toMatchObject({
      'system.cpu': expect.any(Number),
      _runtime: expect.any(Number),
      _timestamp: expect.any(Number),
    });
  });

  it('summarises last and best values', () => {
    for (const run of [...generateDemoDataset(small).runs]) {
      const rows = [...run.history];
      const last = rows.at(-1) as Record<string, unknown>;
      expect(run.summary._step).toBe(last._step);
      expect(run.summary._runtime).toBe(last._runtime);
      expect(run.summary._timestamp).toBe(last._timestamp);
      expect(run.summary.acc).toBe(last.acc);
      const valLosses = rows.map((r) => r.val_loss).filter((v): v is number => typeof v === 'number');
      expect(run.summary.best_val_loss).toBe(Math.min(...valLosses));
    }
  });

  it('includes NaN and Infinity values to exercise clients', () => {
    const runs = [...generateDemoDataset().runs];
    const nanRun = runs.find((r) => Number.isNaN(r.summary.loss));
    expect(nanRun).toBeDefined();
    expect([...(nanRun as DatasetRun).history].some((row) => Number.isNaN(row.loss))).toBe(true);
    expect(runs.some((r) => Object.values(r.summary).includes(Infinity))).toBe(true);
  });

  it('streams one large binary file in chunks, identically on every read', () => {
    const [first] = generateDemoDataset({ largeFileBytes: 300_000, historyLength: 5 }).runs;
    const large = [...(first as DatasetRun).files].find((f) => f.name === 'checkpoint-large.bin');
    expect(typeof large?.bytes).toBe('function');
    const read = (): Uint8Array[] => [...(large?.bytes as () => Iterable<Uint8Array>)()];
    const chunks = read();
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.reduce((n, c) => n + c.byteLength, 0)).toBe(300_000);
    expect(Buffer.compare(Buffer.concat(read()), Buffer.concat(chunks))).toBe(0);
  });

  it('produces a million history rows lazily', () => {
    const [run] = generateDemoDataset({
      projectsPerEntity: 1,
      runsPerProject: 1,
      historyLength: 1_000_000,
    }).runs;
    const before = process.memoryUsage().heapUsed;
    let count = 0;
    let lastStep = -1;
    for (const row of (run as DatasetRun).history) {
      count += 1;
      lastStep = row._step as number;
    }
    expect(count).toBe(1_000_000);
    expect(lastStep).toBe(999_999);
    // Holding a million rows would take hundreds of MB.
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(150 * 1024 * 1024);
  }, 120_000);

  it('rejects negative or fractional sizes', () => {
    expect(() => generateDemoDataset({ runsPerProject: -1 })).toThrow(/runsPerProject/);
    expect(() => generateDemoDataset({ historyLength: 1.5 })).toThrow(/historyLength/);
  });
});
