// Bench data sets, built as plain Dataset objects (the server's import format) with lazy
// generators, so that a million history rows never sit in the orchestrator's memory.
import type { Dataset, DatasetRun, Store } from '@wbapi/server';

export const BENCH_API_KEY = 'bench-local-key-00000000000000000000000000000000';
export const ENTITY = 'bench';

export interface BenchSizes {
  /** history rows of the scan run */
  scanRows: number;
  /** keys per history row of the scan run (besides _step, _runtime, _timestamp) */
  scanKeys: number;
  /** runs of the listing project */
  listRuns: number;
  /** runs for sampled history, and their history length */
  sampledRuns: number;
  sampledRowsPerRun: number;
  /** size of the download file in bytes (also the large artifact's one file) */
  fileBytes: number;
  /** files of the many-files artifact, and the bytes of each */
  artifactFiles: number;
  artifactFileBytes: number;
}

/** The shapes of issue 14's table: 200k-row scan, 5,000-run listing, 100 runs × 1,000 rows, 200 MB. */
export const FULL: BenchSizes = {
  scanRows: 200_000,
  scanKeys: 10,
  listRuns: 5_000,
  sampledRuns: 100,
  sampledRowsPerRun: 1_000,
  fileBytes: 200 * 1024 ** 2,
  artifactFiles: 2_000,
  artifactFileBytes: 64 * 1024,
};

export const QUICK: BenchSizes = {
  scanRows: 5_000,
  scanKeys: 10,
  listRuns: 600,
  sampledRuns: 20,
  sampledRowsPerRun: 200,
  fileBytes: 4 * 1024 ** 2,
  artifactFiles: 100,
  artifactFileBytes: 16 * 1024,
};

function stamp(seconds: number): string {
  return new Date(Date.UTC(2025, 0, 1) + seconds * 1000).toISOString().slice(0, 19);
}

function* historyRows(rows: number, keys: number): Generator<Record<string, unknown>> {
  for (let step = 0; step < rows; step++) {
    const row: Record<string, unknown> = {
      _step: step,
      _runtime: step * 0.5,
      _timestamp: 1735689600 + step * 0.5,
    };
    for (let k = 0; k < keys; k++)
      row[`metric_${k}`] = Math.exp(-step / (rows / 4 + 1)) * (k + 1) + (step % 7) * 1e-3;
    yield row;
  }
}

function* fileChunks(total: number): Generator<Uint8Array> {
  const chunk = new Uint8Array(1024 * 1024);
  for (let i = 0; i < chunk.length; i++) chunk[i] = (i * 31 + 7) & 0xff;
  for (let sent = 0; sent < total; sent += chunk.length) {
    yield sent + chunk.length <= total ? chunk : chunk.subarray(0, total - sent);
  }
}

function baseRun(project: string, index: number, createdSeconds: number): DatasetRun {
  return {
    entity: ENTITY,
    project,
    name: `r${index.toString(36).padStart(7, '0')}`,
    displayName: `run-${index}`,
    state: index % 10 === 0 ? 'crashed' : 'finished',
    createdAt: stamp(createdSeconds),
    heartbeatAt: stamp(createdSeconds + 600),
    username: 'bench',
    tags: index % 3 === 0 ? ['baseline'] : ['candidate'],
    group: `g${index % 20}`,
    jobType: 'train',
    notes: null,
    sweep: null,
    config: {
      lr: { value: 10 ** -(1 + (index % 4)), desc: null },
      batch_size: { value: [16, 32, 64, 128][index % 4], desc: null },
      optimizer: { value: { name: index % 2 ? 'adam' : 'sgd', momentum: 0.9 }, desc: null },
      _wandb: { value: { cli_version: '0.19.11' } },
    },
    summary: { loss: 1 / (1 + (index % 97)), accuracy: (index % 89) / 89, _step: 99 },
    systemMetrics: { 'system.cpu': index % 100 },
    history: [],
    events: [],
    files: [],
  };
}

/** The whole bench data set for the given sizes. */
export function benchDataset(sizes: BenchSizes): Dataset {
  function* runs(): Generator<DatasetRun> {
    yield {
      ...baseRun('scan', 0, 0),
      name: 'scanrun',
      history: historyRows(sizes.scanRows, sizes.scanKeys),
      // Exported to Parquet, so scans can read it from the exports or from the pages.
      historyExport: {},
      files: [
        {
          name: 'big.bin',
          mimetype: 'application/octet-stream',
          bytes: () => fileChunks(sizes.fileBytes),
          updatedAt: stamp(0),
        },
      ],
    };
    for (let i = 0; i < sizes.listRuns; i++) yield baseRun('listing', i, i * 7);
    for (let i = 0; i < sizes.sampledRuns; i++) {
      // One in three exported whole, one in three up to half its history, one in three live-only.
      const exported = [
        { historyExport: {} },
        { historyExport: { upToStep: sizes.sampledRowsPerRun / 2 - 1 } },
        {},
      ][i % 3];
      yield {
        ...baseRun('sampled', i, i * 11),
        history: historyRows(sizes.sampledRowsPerRun, sizes.scanKeys),
        ...exported,
      };
    }
  }
  return {
    users: [
      { username: 'bench', name: 'Bench', email: 'bench@localhost', apiKey: BENCH_API_KEY, entity: ENTITY },
    ],
    projects: ['scan', 'listing', 'sampled'].map((name) => ({ entity: ENTITY, name, createdAt: stamp(0) })),
    runs: runs(),
    sweeps: [],
    reports: [],
  };
}

/** The artifact paths of the bench: many small files, and one large file. */
export const MANY_FILES_ARTIFACT = `${ENTITY}/scan/many-files:v0`;
export const LARGE_FILE_ARTIFACT = `${ENTITY}/scan/large-file:v0`;

/** Adds the two bench artifacts (in the store's files folder: large blobs are on disk). */
export function addBenchArtifacts(store: Store, sizes: BenchSizes): void {
  const files = Array.from({ length: sizes.artifactFiles }, (_, i) => {
    const bytes = new Uint8Array(sizes.artifactFileBytes);
    for (let b = 0; b < bytes.length; b++) bytes[b] = (b * 13 + i * 7) & 0xff;
    return { path: `shard-${String(i).padStart(5, '0')}.bin`, bytes };
  });
  store.artifacts.add({ entity: ENTITY, project: 'scan', type: 'dataset', name: 'many-files', files });
  store.artifacts.add({
    entity: ENTITY,
    project: 'scan',
    type: 'model',
    name: 'large-file',
    files: [{ path: 'weights.bin', bytes: () => fileChunks(sizes.fileBytes) }],
  });
}
