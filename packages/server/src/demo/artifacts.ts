import type { Store } from '../store/store';
import { Prng } from './prng';
import { DEMO_EPOCH_MS, isoSeconds } from './time';

/** Options of the demo artifacts. */
export interface DemoArtifactOptions {
  /**
   * Size of the dataset's `train/images.bin` (large enough for Range parts when a test sets a small
   * part size). @defaultValue 262144
   */
  largeArtifactBytes?: number;
}

/** Organization of the demo registry. */
export const DEMO_ORGANIZATION = { name: 'Demo Org', orgEntity: 'demo-org' } as const;

const CHUNK = 1 << 20;

/** Deterministic pseudo-random bytes, generated chunk by chunk (never whole in memory). */
function randomBytesOf(seed: number, size: number): () => Iterable<Uint8Array> {
  return function* chunks() {
    const prng = new Prng(seed);
    for (let done = 0; done < size; done += CHUNK) {
      const chunk = new Uint8Array(Math.min(CHUNK, size - done));
      const view = new DataView(chunk.buffer);
      let i = 0;
      for (; i + 4 <= chunk.length; i += 4) view.setUint32(i, prng.nextUint32());
      for (; i < chunk.length; i++) chunk[i] = prng.nextUint32() & 0xff;
      yield chunk;
    }
  };
}

function csv(rows: number, seed: number): Buffer {
  const prng = new Prng(seed);
  const lines = ['index,label'];
  for (let i = 0; i < rows; i++) lines.push(`${i},${prng.int(0, 9)}`);
  return Buffer.from(`${lines.join('\n')}\n`);
}

/**
 * Demo artifacts in `demo/mnist`: a dataset `mnist-dataset:v0` (several files, one large), a model
 * `mnist-cnn` with two versions and aliases, logged and used by the project's first runs, and a
 * registry collection `wandb-registry-model/mnist-classifier` of the org entity `demo-org` linking
 * both model versions. Nothing happens when `demo/mnist` has fewer than 4 runs or already has them.
 */
export function addDemoArtifacts(store: Store, options: DemoArtifactOptions = {}): void {
  const runs = store
    .prepare<{ name: string }>(
      `SELECT r.name FROM runs r JOIN projects p ON p.id = r.project_id
       WHERE p.entity_name = 'demo' AND p.name = 'mnist' ORDER BY r.created_at, r.id LIMIT 4`,
    )
    .all()
    .map((r) => r.name);
  const seeded = store
    .prepare(
      `SELECT 1 FROM artifact_collections c JOIN projects p ON p.id = c.project_id
       WHERE p.entity_name = 'demo' AND p.name = 'mnist' AND c.name = 'mnist-dataset'`,
    )
    .get();
  if (runs.length < 4 || seeded) return;
  const [prepare, trainA, trainB, evaluate] = runs as [string, string, string, string];
  const at = (hours: number): string => isoSeconds(DEMO_EPOCH_MS + hours * 3_600_000);
  const where = { entity: 'demo', project: 'mnist' };
  const dataset = store.artifacts.add({
    ...where,
    type: 'dataset',
    name: 'mnist-dataset',
    description: 'MNIST digits, split into train and test.',
    metadata: { rows: { train: 600, test: 100 }, source: 'demo generator', mean: 0.1307 },
    tags: ['images'],
    loggedBy: prepare,
    createdAt: at(1),
    files: [
      { path: 'README.md', bytes: Buffer.from('# MNIST (demo)\n\nHand-written digits, generated.\n') },
      { path: 'train/labels.csv', bytes: csv(600, 11) },
      { path: 'test/labels.csv', bytes: csv(100, 12) },
      { path: 'train/images.bin', bytes: randomBytesOf(13, options.largeArtifactBytes ?? 262_144) },
    ],
  });
  const model = (version: number, run: string, aliases: string[]) =>
    store.artifacts.add({
      ...where,
      type: 'model',
      name: 'mnist-cnn',
      description: `Convolutional classifier, round ${version + 1}.`,
      metadata: { accuracy: 0.9 + version * 0.05, layers: 4, lr: 0.001 / (version + 1) },
      aliases,
      loggedBy: run,
      createdAt: at(2 + version),
      historyStep: 100 * (version + 1),
      files: [
        { path: 'model.json', bytes: Buffer.from(JSON.stringify({ layers: [32, 64, 128, 10], version })) },
        { path: 'weights/model.bin', bytes: randomBytesOf(20 + version, 32_768 + version * 1024) },
      ],
    });
  const v0 = model(0, trainA, ['baseline']);
  const v1 = model(1, trainB, ['best', 'production']);
  for (const run of [trainA, trainB]) store.artifacts.use(where.entity, where.project, run, dataset.id);
  store.artifacts.use(where.entity, where.project, evaluate, v1.id);
  store.artifacts.use(where.entity, where.project, evaluate, dataset.id);
  store.artifacts.addOrganization({ ...DEMO_ORGANIZATION, members: ['demo'] });
  const registry = { entity: DEMO_ORGANIZATION.orgEntity, project: 'wandb-registry-model' };
  store.artifacts.link({
    ...registry,
    artifactId: v0.id,
    collection: 'mnist-classifier',
    description: 'Digit classifiers.',
    tags: ['vision'],
  });
  store.artifacts.link({
    ...registry,
    artifactId: v1.id,
    collection: 'mnist-classifier',
    aliases: ['production'],
  });
}
