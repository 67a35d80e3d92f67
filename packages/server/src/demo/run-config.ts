import type { Prng } from './prng';

/** Values of a run's hyperparameters before they are wrapped as `{value, desc}`. */
export interface Hyperparameters {
  learningRate: number;
  batchSize: number;
  epochs: number;
  dropout: number;
  optimizer: 'adam' | 'adamw' | 'sgd';
  schedule: 'cosine' | 'step';
  model: { name: string; layers: number; hidden: number };
  dataset: string;
  seed: number;
}

/** Draws hyperparameters; a sweep run takes learning rate, batch size and dropout from its sweep's space. */
export function drawHyperparameters(prng: Prng, dataset: string, inSweep: boolean): Hyperparameters {
  const name = prng.pick(['mlp', 'cnn', 'resnet18', 'vit-tiny']);
  return {
    learningRate: Number(
      (inSweep ? prng.logFloat(1e-4, 1e-1) : prng.pick([1e-4, 3e-4, 1e-3, 3e-3, 1e-2])).toPrecision(4),
    ),
    batchSize: prng.pick(inSweep ? [32, 64, 128] : [16, 32, 64, 128, 256]),
    epochs: prng.pick([5, 10, 20]),
    dropout: Number((inSweep ? prng.float(0, 0.5) : prng.pick([0, 0.1, 0.2])).toFixed(3)),
    optimizer: prng.pick(['adam', 'adamw', 'sgd'] as const),
    schedule: prng.pick(['cosine', 'step'] as const),
    model: { name, layers: prng.pick([2, 4, 8, 18]), hidden: prng.pick([128, 256, 512]) },
    dataset,
    seed: prng.int(0, 9999),
  };
}

const wrap = (value: unknown): { value: unknown; desc: null } => ({ value, desc: null });

/**
 * The stored config of a run: `{key: {value, desc}}` with nested dicts (optimizer, model) and the
 * `_wandb` bookkeeping key that the W&B SDK writes.
 */
export function configOf(h: Hyperparameters, startSeconds: number): Record<string, unknown> {
  return {
    learning_rate: wrap(h.learningRate),
    batch_size: wrap(h.batchSize),
    epochs: wrap(h.epochs),
    dropout: wrap(h.dropout),
    optimizer: wrap({
      name: h.optimizer,
      lr: h.learningRate,
      betas: h.optimizer === 'sgd' ? null : [0.9, 0.999],
      momentum: h.optimizer === 'sgd' ? 0.9 : null,
      weight_decay: h.optimizer === 'adamw' ? 0.01 : 0,
    }),
    scheduler: wrap({ name: h.schedule, warmup_steps: 0 }),
    model: wrap(h.model),
    dataset: wrap(h.dataset),
    seed: wrap(h.seed),
    _wandb: {
      value: {
        cli_version: '0.21.4',
        python_version: '3.11.9',
        is_jupyter_run: false,
        is_kaggle_kernel: false,
        framework: 'torch',
        start_time: startSeconds,
        t: { '1': [1, 5, 53, 55], '2': [1, 5, 53, 55], '3': [16, 23, 55], '4': '3.11.9', '5': '0.21.4' },
      },
    },
  };
}
