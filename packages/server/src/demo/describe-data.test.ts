import { describe, expect, it } from 'vitest';
import { Store } from '../store/store';
import { describeData } from './describe-data';
import { generateDemoDataset } from './generate';

describe('describeData', () => {
  it('names the projects, the first runs, the sweep and the report of the demo as paths that exist', () => {
    const store = new Store();
    try {
      store.importDataset(generateDemoDataset({ historyLength: 3 }));
      const text = describeData(store);
      expect(text).toContain('demo/mnist (10 runs), demo/cifar10 (10 runs), demo/imagenet-tiny (10 runs)');
      const runIds = [...text.matchAll(/demo\/mnist\/(\w{8})(?=,)/g)].map((match) => match[1] as string);
      expect(runIds).toHaveLength(3);
      for (const id of runIds) expect(store.run('demo', 'mnist', id)).toBeDefined();
      const sweep = /sweeps +demo\/mnist\/(\w+) \((\d+) runs\)/.exec(text);
      expect(sweep).not.toBeNull();
      const inSweep = store
        .prepare<{ n: number }>('SELECT COUNT(*) AS n FROM runs WHERE sweep_name = ?')
        .get(sweep?.[1]);
      expect(inSweep?.n).toBe(Number(sweep?.[2]));
      expect(Number(sweep?.[2])).toBeGreaterThan(0);
      expect(text).toMatch(/reports +".+" in demo\/mnist/);
    } finally {
      store.close();
    }
  });

  it('says when there are no runs', () => {
    const store = new Store();
    try {
      expect(describeData(store)).toBe('  no runs yet\n');
    } finally {
      store.close();
    }
  });
});
