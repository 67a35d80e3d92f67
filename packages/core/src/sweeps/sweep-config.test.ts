import { describe, expect, it } from 'vitest';
import { MalformedResponseError } from '../errors';
import { parseSweepConfig } from './sweep-config';

describe('parseSweepConfig', () => {
  it('parses YAML and JSON', async () => {
    expect(await parseSweepConfig('method: grid\nparameters:\n  lr:\n    values: [0.1, 0.2]\n')).toEqual({
      method: 'grid',
      parameters: { lr: { values: [0.1, 0.2] } },
    });
    expect(await parseSweepConfig('{"method": "random"}')).toEqual({ method: 'random' });
  });
  it('gives {} for empty or non-mapping configs', async () => {
    expect(await parseSweepConfig('')).toEqual({});
    expect(await parseSweepConfig('- a\n- b\n')).toEqual({});
  });
  it('reports broken YAML as MalformedResponseError', async () => {
    await expect(parseSweepConfig('a: [1, 2\n')).rejects.toBeInstanceOf(MalformedResponseError);
  });

  it('reads a sweep config as users write it (comments, flow lists, quotes, exponents)', async () => {
    const text = [
      '# sweep.yaml',
      'program: train.py',
      'method: bayes',
      'metric:',
      '  name: val/loss',
      '  goal: minimize',
      'parameters:',
      '  learning_rate:',
      '    distribution: log_uniform_values',
      '    min: 1e-5 # YAML 1.2 reads this as a number',
      '    max: 0.1',
      '  batch_size:',
      '    values: [16, 32, 64]',
      '  optimizer:',
      `    values: ["adam", 'sgd']`,
      '  dropout: {min: 0.0, max: 0.5}',
      'command:',
      '  - ${env}',
      '  - python',
      '  - ${program}',
      '',
    ].join('\n');
    expect(await parseSweepConfig(text)).toEqual({
      program: 'train.py',
      method: 'bayes',
      metric: { name: 'val/loss', goal: 'minimize' },
      parameters: {
        learning_rate: { distribution: 'log_uniform_values', min: 1e-5, max: 0.1 },
        batch_size: { values: [16, 32, 64] },
        optimizer: { values: ['adam', 'sgd'] },
        dropout: { min: 0, max: 0.5 },
      },
      command: ['${env}', 'python', '${program}'],
    });
  });

  it('reads a sweep config as PyYAML dumps it (block lists, 1.0e-05, quoted strings, .inf, folded lines)', async () => {
    const text = [
      'method: grid',
      'parameters:',
      '  batch_size:',
      '    values:',
      '    - 16',
      '    - 32',
      '  flag:',
      '    values:',
      '    - true',
      '    - false',
      '  learning_rate:',
      '    max: 0.1',
      '    min: 1.0e-05',
      '  literal:',
      "    value: 'yes'",
      '  nothing:',
      '    value: null',
      '  big:',
      '    value: .inf',
      '  created:',
      '    value: 2024-01-02',
      '  long:',
      '    value: a fairly long description that PyYAML folds onto the next line because it is',
      '      wider than eighty characters',
      '',
    ].join('\n');
    expect(await parseSweepConfig(text)).toEqual({
      method: 'grid',
      parameters: {
        batch_size: { values: [16, 32] },
        flag: { values: [true, false] },
        learning_rate: { max: 0.1, min: 1e-5 },
        literal: { value: 'yes' },
        nothing: { value: null },
        big: { value: Infinity },
        // No timestamp type: dates stay text, as JSON would carry them.
        created: { value: '2024-01-02' },
        long: {
          value:
            'a fairly long description that PyYAML folds onto the next line because it is wider than eighty characters',
        },
      },
    });
  });
});
