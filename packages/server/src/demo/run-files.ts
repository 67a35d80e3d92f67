import { stringifyWandbJson } from '../util/wandb-json';
import type { DatasetFile } from './dataset';
import { Prng, mixSeed } from './prng';
import { toYaml } from './to-yaml';
import { type TrainingPlan, historyRow, isEpochEnd } from './training-run';

const encoder = new TextEncoder();
const CHUNK_BYTES = 64 * 1024;

/** The `output.log` of a run: a header and one line per epoch. */
function outputLog(plan: TrainingPlan, displayName: string): string {
  const lines = [
    `wandb: Tracking run ${displayName}`,
    `Training for ${plan.epochs} epochs, ${plan.length} steps`,
  ];
  let epoch = 0;
  for (let step = 0; step < plan.length; step++) {
    if (!isEpochEnd(plan, step)) continue;
    epoch += 1;
    const row = historyRow(plan, step);
    lines.push(
      `Epoch ${epoch}/${plan.epochs} - loss: ${String(row.loss ?? '-')} - val_loss: ${String(row.val_loss)} - val_acc: ${String(row.val_acc)}`,
    );
  }
  lines.push(plan.nanFromStep === null ? 'Training finished.' : 'Loss became NaN; stopping.');
  return `${lines.join('\n')}\n`;
}

/** `length` pseudo-random bytes for a seed. */
function randomBytes(seed: number, length: number): Uint8Array {
  const prng = new Prng(seed);
  const words = new Uint32Array(Math.ceil(length / 4));
  for (let i = 0; i < words.length; i++) words[i] = prng.nextUint32();
  return new Uint8Array(words.buffer, 0, length);
}

/** A big binary file produced chunk by chunk on every read, never whole in memory. */
function* largeChunks(seed: number, total: number): Generator<Uint8Array> {
  for (let offset = 0, index = 0; offset < total; offset += CHUNK_BYTES, index++) {
    yield randomBytes(mixSeed(seed, index), Math.min(CHUNK_BYTES, total - offset));
  }
}

/** Inputs of {@link runFiles}. */
export interface RunFilesInput {
  seed: number;
  plan: TrainingPlan;
  displayName: string;
  config: Record<string, unknown>;
  summary: Record<string, unknown>;
  updatedAt: string;
  count: number;
  largeFileBytes: number;
}

/**
 * A run's files, made only when iterated: `output.log` (text), `config.yaml`,
 * `wandb-summary.json`, `model.bin` (a few KB of binary), the first `count` of them, plus
 * `checkpoint-large.bin` when `largeFileBytes` is positive.
 */
export function* runFiles(input: RunFilesInput): Generator<DatasetFile> {
  const { updatedAt } = input;
  const makers: (() => DatasetFile)[] = [
    () => ({
      name: 'output.log',
      mimetype: 'text/plain',
      updatedAt,
      bytes: encoder.encode(outputLog(input.plan, input.displayName)),
    }),
    () => ({
      name: 'config.yaml',
      mimetype: 'application/x-yaml',
      updatedAt,
      bytes: encoder.encode(`wandb_version: 1\n\n${toYaml(input.config)}`),
    }),
    () => ({
      name: 'wandb-summary.json',
      mimetype: 'application/json',
      updatedAt,
      bytes: encoder.encode(stringifyWandbJson(input.summary)),
    }),
    () => ({
      name: 'model.bin',
      mimetype: 'application/octet-stream',
      updatedAt,
      bytes: randomBytes(input.seed, 2048 + (input.seed % 4096)),
    }),
  ];
  for (const make of makers.slice(0, Math.max(0, input.count))) yield make();
  if (input.largeFileBytes > 0) {
    const { seed, largeFileBytes } = input;
    yield {
      name: 'checkpoint-large.bin',
      mimetype: 'application/octet-stream',
      updatedAt,
      bytes: () => largeChunks(mixSeed(seed, 4242), largeFileBytes),
    };
  }
}
