import type {
  Dataset,
  DatasetProject,
  DatasetReport,
  DatasetRun,
  DatasetSweep,
  DemoOptions,
} from './dataset';
import { Prng, mixSeed } from './prng';
import { demoReport } from './reports';
import { configOf, drawHyperparameters } from './run-config';
import { runFiles } from './run-files';
import { RUNS_PER_SWEEP, demoSweep } from './sweeps';
import { latestSystemMetrics, systemRows } from './system-metrics';
import { DEMO_EPOCH_MS, isoSeconds } from './time';
import { type TrainingPlan, historyRows, summaryOf, totalRuntime } from './training-run';
import { demoUser, projectName } from './users';

const DAY_MS = 86_400_000;
const ADJECTIVES = ['swift', 'quiet', 'bright', 'lucky', 'brisk', 'misty', 'bold', 'calm', 'eager', 'fresh'];
const NOUNS = [
  'river',
  'forest',
  'meadow',
  'comet',
  'sunset',
  'glade',
  'harbor',
  'canyon',
  'breeze',
  'frost',
];
const TAGS = ['baseline', 'experiment', 'gpu', 'cpu', 'v1', 'v2', 'ablation', 'augment'];

type Sizes = Required<Omit<DemoOptions, 'largeFileBytes'>> & { largeFileBytes: number };

const DEFAULTS: Sizes = {
  seed: 1,
  entities: 1,
  projectsPerEntity: 3,
  runsPerProject: 10,
  historyLength: 500,
  keysPerRow: 6,
  filesPerRun: 4,
  sweeps: 1,
  reports: 1,
  largeFileBytes: 0,
};

function sizesOf(options: DemoOptions): Sizes {
  const sizes = { ...DEFAULTS };
  for (const key of Object.keys(DEFAULTS) as (keyof Sizes)[]) {
    const value = options[key];
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value < 0)
      throw new RangeError(`Demo option ${key} must be a non-negative integer`);
    sizes[key] = value;
  }
  sizes.entities = Math.max(1, sizes.entities);
  sizes.projectsPerEntity = Math.max(1, sizes.projectsPerEntity);
  return sizes;
}

/** Where a run sits: entity, project and run numbers. */
interface RunSlot {
  entity: number;
  project: number;
  run: number;
}

function runSeed(sizes: Sizes, slot: RunSlot): number {
  return mixSeed(sizes.seed, slot.entity, slot.project, slot.run);
}

/** The run id of a slot: the first draw of the run's generator, so it is known without the run. */
function runName(sizes: Sizes, slot: RunSlot): string {
  return new Prng(runSeed(sizes, slot)).id(8);
}

function projectCreatedMs(sizes: Sizes, project: number): number {
  return DEMO_EPOCH_MS - (sizes.projectsPerEntity - project) * 7 * DAY_MS;
}

/** The sweep a run belongs to: the last runs of a project go, five by five, to its sweeps. */
function sweepIndexOf(sizes: Sizes, slot: RunSlot): number | null {
  if (slot.entity !== 0) return null;
  const here: number[] = [];
  for (let k = slot.project; k < sizes.sweeps; k += sizes.projectsPerEntity) here.push(k);
  const fromEnd = sizes.runsPerProject - 1 - slot.run;
  return here[Math.floor(fromEnd / RUNS_PER_SWEEP)] ?? null;
}

function pickState(prng: Prng, slot: RunSlot, inSweep: boolean): string {
  // The first project always shows each state; the rest are mostly finished.
  const forced =
    slot.entity === 0 && slot.project === 0
      ? ['finished', 'running', 'crashed', 'failed'][slot.run]
      : undefined;
  if (forced && !inSweep) return forced;
  if (inSweep) return 'finished';
  const roll = prng.next();
  return roll < 0.75
    ? 'finished'
    : roll < 0.85
      ? 'running'
      : roll < 0.93
        ? 'crashed'
        : roll < 0.98
          ? 'failed'
          : 'killed';
}

/**
 * Which runs have Parquet history exports: of the runs that ended, one in three is exported whole,
 * one in three up to half its history (the rest live), one in three not at all; running runs are
 * live-only, as on W&B.
 */
function historyExportOf(state: string, slot: RunSlot, length: number): Pick<DatasetRun, 'historyExport'> {
  if (state === 'running' || length === 0) return {};
  if (slot.run % 3 === 0) return { historyExport: {} };
  if (slot.run % 3 === 1) return { historyExport: { upToStep: Math.floor(length / 2) - 1 } };
  return {};
}

function makeRun(sizes: Sizes, slot: RunSlot, sweeps: readonly DatasetSweep[]): DatasetRun {
  const seed = runSeed(sizes, slot);
  const prng = new Prng(seed);
  const name = prng.id(8);
  const sweepIndex = sweepIndexOf(sizes, slot);
  const sweep = sweepIndex === null ? null : (sweeps[sweepIndex] ?? null);
  const entity = demoUser(slot.entity);
  const project = projectName(slot.project);
  const h = drawHyperparameters(prng, project, sweep !== null);
  const state = pickState(prng, slot, sweep !== null);
  const createdMs =
    projectCreatedMs(sizes, slot.project) + (slot.run + 1) * 2 * 3600_000 + prng.int(0, 3599) * 1000;
  const startSeconds = createdMs / 1000;
  // A good learning rate (near 3e-3) gives a lower loss floor, so sweeps have a real best run.
  const lrDistance = Math.abs(Math.log10(h.learningRate) - Math.log10(3e-3));
  const plan: TrainingPlan = {
    seed,
    length: sizes.historyLength,
    keysPerRow: sizes.keysPerRow,
    epochs: h.epochs,
    lr: h.learningRate,
    schedule: h.schedule,
    lossStart: prng.float(2.0, 2.6),
    lossFloor: Number((0.04 + 0.12 * lrDistance + prng.float(0, 0.05)).toFixed(4)),
    decay: prng.float(3, 6),
    accMax: prng.float(0.86, 0.99),
    secondsPerStep: prng.float(0.4, 1.6),
    startSeconds,
    // The crashed run of the first project diverges: NaN loss in its last rows and summary.
    nanFromStep:
      state === 'crashed' && slot.project === 0 && sizes.historyLength > 0
        ? Math.floor(sizes.historyLength * 0.8)
        : null,
  };
  const runtime = totalRuntime(plan);
  const gpu = prng.chance(0.7);
  const summary = summaryOf(plan);
  // Another run keeps an exploding gradient norm: Infinity in its summary.
  if (state === 'failed' && 'grad_norm' in summary) summary.grad_norm = Infinity;
  const heartbeatAt = isoSeconds(createdMs + runtime * 1000);
  const tags = sweep ? ['sweep'] : prng.sample(TAGS, prng.int(0, 3));
  const config = configOf(h, startSeconds);
  const displayName = `${prng.pick(ADJECTIVES)}-${prng.pick(NOUNS)}-${slot.run + 1}`;
  return {
    entity: entity.entity,
    project,
    name,
    displayName,
    state,
    createdAt: isoSeconds(createdMs),
    heartbeatAt,
    username: entity.username,
    tags,
    group: prng.chance(0.3) ? `exp-${prng.int(1, 3)}` : null,
    jobType: prng.chance(0.8) ? 'train' : 'eval',
    notes: prng.chance(0.2) ? `Tried ${h.optimizer} with lr=${h.learningRate}` : null,
    sweep: sweep?.name ?? null,
    host: gpu ? `gpu-node-${prng.int(1, 8)}` : `cpu-box-${prng.int(1, 4)}`,
    commit: prng.hex(40),
    config,
    summary,
    systemMetrics: latestSystemMetrics(seed, runtime, gpu),
    history: { [Symbol.iterator]: () => historyRows(plan) },
    ...historyExportOf(state, slot, sizes.historyLength),
    events: { [Symbol.iterator]: () => systemRows(seed, runtime, startSeconds, gpu) },
    files: {
      [Symbol.iterator]: () =>
        runFiles({
          seed,
          plan,
          displayName,
          config,
          summary,
          updatedAt: heartbeatAt,
          count: sizes.filesPerRun,
          largeFileBytes:
            slot.entity === 0 && slot.project === 0 && slot.run === 0 ? sizes.largeFileBytes : 0,
        }),
    },
  };
}

function* slots(sizes: Sizes): Generator<RunSlot> {
  for (let entity = 0; entity < sizes.entities; entity++) {
    for (let project = 0; project < sizes.projectsPerEntity; project++) {
      for (let run = 0; run < sizes.runsPerProject; run++) yield { entity, project, run };
    }
  }
}

function reportsOf(sizes: Sizes): DatasetReport[] {
  return Array.from({ length: sizes.reports }, (_, index) => {
    const project = index % sizes.projectsPerEntity;
    // The first run and the last five (the sweep's, in demo/mnist) are selected.
    const picked = new Set([
      0,
      ...Array.from({ length: RUNS_PER_SWEEP }, (_, i) => sizes.runsPerProject - 1 - i),
    ]);
    const selected = [...picked]
      .filter((run) => run >= 0 && run < sizes.runsPerProject)
      .sort((a, b) => a - b)
      .map((run) => runName(sizes, { entity: 0, project, run }));
    const createdMs = DEMO_EPOCH_MS + (index + 1) * 3600_000;
    return demoReport({
      seed: sizes.seed,
      index,
      entity: 'demo',
      project: projectName(project),
      username: 'demo',
      createdAt: isoSeconds(createdMs),
      updatedAt: isoSeconds(createdMs + 1800_000),
      selected,
    });
  });
}

/**
 * A deterministic demo dataset: user `demo` (key {@link DEMO_API_KEY}) with projects `mnist`,
 * `cifar10`, ..., realistic training runs (decaying loss, rising accuracy, cosine/step learning
 * rates, nested configs, system metrics, files), a `bayes` sweep on `val_loss` in `demo/mnist`
 * and a report. Runs, history rows, events and file bytes are produced lazily on iteration, so
 * large sizes never sit in memory; iterating twice yields the same data.
 *
 * @example generateDemoDataset({ seed: 7, runsPerProject: 1000, historyLength: 100 })
 */
export function generateDemoDataset(options: DemoOptions = {}): Dataset {
  const sizes = sizesOf(options);
  const users = Array.from({ length: sizes.entities }, (_, i) => demoUser(i));
  const projects: DatasetProject[] = users.flatMap((user) =>
    Array.from({ length: sizes.projectsPerEntity }, (_, p) => ({
      entity: user.entity,
      name: projectName(p),
      createdAt: isoSeconds(projectCreatedMs(sizes, p)),
      description: `Demo project ${projectName(p)}`,
    })),
  );
  const sweeps = Array.from({ length: sizes.sweeps }, (_, k) =>
    demoSweep(
      sizes.seed,
      k,
      sizes.projectsPerEntity,
      isoSeconds(projectCreatedMs(sizes, k % sizes.projectsPerEntity) + 3600_000),
    ),
  );
  return {
    users,
    projects,
    sweeps,
    reports: reportsOf(sizes),
    runs: {
      *[Symbol.iterator]() {
        for (const slot of slots(sizes)) yield makeRun(sizes, slot, sweeps);
      },
    },
  };
}
