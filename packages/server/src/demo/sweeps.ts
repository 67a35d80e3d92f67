import { stringify } from 'yaml';
import type { DatasetSweep } from './dataset';
import { Prng, mixSeed } from './prng';
import { projectName } from './users';

/** Runs that each sweep holds (taken from the end of its project's runs). */
export const RUNS_PER_SWEEP = 5;

const METHODS = ['bayes', 'random', 'grid'] as const;

/** The sweep configuration (parsed form) of sweep number `index`. */
function sweepConfig(index: number): Record<string, unknown> {
  const method = METHODS[index % METHODS.length] as string;
  const metric =
    index % 2 === 0 ? { name: 'val_loss', goal: 'minimize' } : { name: 'val_acc', goal: 'maximize' };
  const parameters =
    method === 'grid'
      ? {
          learning_rate: { values: [0.0001, 0.001, 0.01] },
          batch_size: { values: [32, 64, 128] },
          dropout: { value: 0.1 },
        }
      : {
          learning_rate: { distribution: 'log_uniform_values', min: 0.0001, max: 0.1 },
          batch_size: { values: [32, 64, 128] },
          dropout: { distribution: 'uniform', min: 0, max: 0.5 },
        };
  return { program: 'train.py', method, metric, parameters };
}

/** Sweep number `index` of the demo entity: sweep 0 is the `bayes`/`val_loss` sweep of `demo/mnist`. */
export function demoSweep(
  seed: number,
  index: number,
  projectsPerEntity: number,
  createdAt: string,
): DatasetSweep {
  const config = sweepConfig(index);
  return {
    entity: 'demo',
    project: projectName(index % projectsPerEntity),
    name: new Prng(mixSeed(seed, 7777, index)).id(8),
    displayName: index === 0 ? 'lr-search' : `sweep-${index}`,
    method: config.method as string,
    state: 'FINISHED',
    config: stringify(config),
    createdAt,
    runCountExpected: RUNS_PER_SWEEP + 3,
    description: index === 0 ? 'Bayesian search over learning rate, batch size and dropout' : null,
  };
}
