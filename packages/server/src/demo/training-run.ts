import { hashUnit } from './prng';

/** Parameters of one simulated training run: everything its history is computed from. */
export interface TrainingPlan {
  /** Seed of the stateless noise. */
  seed: number;
  /** Number of history rows (steps 0..length-1). */
  length: number;
  /** Metric keys per row (besides `_step`, `_runtime`, `_timestamp`). */
  keysPerRow: number;
  /** Epochs: the validation metrics are logged at the last step of each. */
  epochs: number;
  /** Initial learning rate. */
  lr: number;
  /** Learning-rate schedule. */
  schedule: 'cosine' | 'step';
  /** Start and floor of the loss curve, and how fast it decays. */
  lossStart: number;
  lossFloor: number;
  decay: number;
  /** Accuracy reached at the end. */
  accMax: number;
  /** Seconds per step. */
  secondsPerStep: number;
  /** Run start, epoch seconds. */
  startSeconds: number;
  /** From this step on, the loss is NaN (a diverged run); null for healthy runs. */
  nanFromStep: number | null;
}

const BASE_KEYS = ['loss', 'acc', 'lr', 'epoch', 'grad_norm', 'samples_per_sec'] as const;
const keyLists = new Map<number, readonly string[]>();

/** The metric keys a row carries, in order (`metric_<i>` beyond the six named ones). */
export function metricKeys(keysPerRow: number): readonly string[] {
  let keys = keyLists.get(keysPerRow);
  if (!keys) {
    keys = Array.from({ length: keysPerRow }, (_, i) => BASE_KEYS[i] ?? `metric_${i}`);
    keyLists.set(keysPerRow, keys);
  }
  return keys;
}

const POWERS = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];
/** Rounds to `digits` decimals (fast; toFixed is slow in hot loops). */
const round = (value: number, digits = 6): number => {
  const p = POWERS[digits] as number;
  return Math.round(value * p) / p;
};

/** Steps per epoch (the last epoch may be shorter). */
function stepsPerEpoch(plan: TrainingPlan): number {
  return Math.max(1, Math.ceil(plan.length / plan.epochs));
}

/** True when `step` is the last step of an epoch (validation metrics are logged there). */
export function isEpochEnd(plan: TrainingPlan, step: number): boolean {
  return (step + 1) % stepsPerEpoch(plan) === 0 || step === plan.length - 1;
}

/** Fraction of training done at `step`, in [0, 1]. */
function progress(plan: TrainingPlan, step: number): number {
  return plan.length <= 1 ? 1 : step / (plan.length - 1);
}

/** Signed noise in [-1, 1) for a key at a step. */
function noise(plan: TrainingPlan, step: number, key: number): number {
  return hashUnit(plan.seed, step, key) * 2 - 1;
}

function learningRate(plan: TrainingPlan, t: number): number {
  if (plan.schedule === 'cosine') return plan.lr * 0.5 * (1 + Math.cos(Math.PI * t));
  return plan.lr * 0.1 ** Math.min(2, Math.floor(t * 3));
}

function smoothLoss(plan: TrainingPlan, t: number): number {
  return plan.lossFloor + (plan.lossStart - plan.lossFloor) * Math.exp(-plan.decay * t);
}

/** Validation loss at an epoch end. */
function valLoss(plan: TrainingPlan, step: number): number {
  const t = progress(plan, step);
  return round(smoothLoss(plan, t) * (1.08 + 0.06 * noise(plan, step, 101)));
}

/** Validation accuracy at an epoch end. */
function valAcc(plan: TrainingPlan, step: number): number {
  const t = progress(plan, step);
  return round(
    Math.min(
      1,
      Math.max(0, plan.accMax * (1 - Math.exp(-plan.decay * t * 0.9)) + 0.015 * noise(plan, step, 102)),
    ),
  );
}

function metric(plan: TrainingPlan, key: string, index: number, step: number): number {
  const t = progress(plan, step);
  const n = noise(plan, step, index);
  switch (key) {
    case 'loss':
      if (plan.nanFromStep !== null && step >= plan.nanFromStep) return NaN;
      return round(Math.max(0, smoothLoss(plan, t) * (1 + 0.12 * n)));
    case 'acc':
      return round(Math.min(1, Math.max(0, plan.accMax * (1 - Math.exp(-plan.decay * t)) + 0.03 * n)));
    case 'lr':
      return round(learningRate(plan, t), 9);
    case 'epoch':
      return Math.floor(step / stepsPerEpoch(plan));
    case 'grad_norm':
      return round(2.5 * Math.exp(-2 * t) + 0.4 + 0.3 * n, 4);
    case 'samples_per_sec':
      return round(1800 + 150 * n, 1);
    default:
      return round(Math.sin(step / (10 + index)) * Math.exp(-t) + 0.1 * n, 5);
  }
}

/** Seconds since the start at `step` (strictly increasing). */
function runtime(plan: TrainingPlan, step: number): number {
  return round(
    (step + 1) * plan.secondsPerStep + hashUnit(plan.seed, step, 999) * 0.3 * plan.secondsPerStep,
    3,
  );
}

/** The history row at `step`: a pure function of the plan, so rows need not be kept. */
export function historyRow(plan: TrainingPlan, step: number): Record<string, unknown> {
  const row: Record<string, unknown> = { _step: step };
  metricKeys(plan.keysPerRow).forEach((key, i) => {
    row[key] = metric(plan, key, i, step);
  });
  if (isEpochEnd(plan, step)) {
    row.val_loss = valLoss(plan, step);
    row.val_acc = valAcc(plan, step);
  }
  const seconds = runtime(plan, step);
  row._runtime = seconds;
  row._timestamp = round(plan.startSeconds + seconds, 3);
  return row;
}

/** All history rows, lazily. */
export function* historyRows(plan: TrainingPlan): Generator<Record<string, unknown>> {
  for (let step = 0; step < plan.length; step++) yield historyRow(plan, step);
}

/** Total runtime in seconds. */
export function totalRuntime(plan: TrainingPlan): number {
  return plan.length === 0 ? 0 : runtime(plan, plan.length - 1);
}

/**
 * The run summary: the last value of every key, the best validation values, and `_step`,
 * `_runtime`, `_timestamp`. Computed from the last row and the epoch ends only.
 */
export function summaryOf(plan: TrainingPlan): Record<string, unknown> {
  if (plan.length === 0) return {};
  const last = plan.length - 1;
  const summary: Record<string, unknown> = { ...historyRow(plan, last) };
  let bestLoss = Infinity;
  let bestAcc = -Infinity;
  for (let step = 0; step < plan.length; step += stepsPerEpoch(plan)) {
    const end = Math.min(last, step + stepsPerEpoch(plan) - 1);
    bestLoss = Math.min(bestLoss, valLoss(plan, end));
    bestAcc = Math.max(bestAcc, valAcc(plan, end));
  }
  summary.best_val_loss = bestLoss;
  summary.best_val_acc = bestAcc;
  return summary;
}
