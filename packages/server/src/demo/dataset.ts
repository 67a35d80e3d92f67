/**
 * The plain-data shape the store imports: users, projects, runs (lazily), sweeps and reports.
 * Produced by the demo generator and by fixture loading; consumed by `Store.importDataset`.
 *
 * @packageDocumentation
 */
import type { HistoryExportOptions } from '../exports/export-options';

/** A user who can authenticate with `apiKey`. */
export interface DatasetUser {
  /** Login name, e.g. `demo`. */
  username: string;
  /** Full display name. */
  name: string;
  /** E-mail address. */
  email: string;
  /** API key (40 or more characters). */
  apiKey: string;
  /** The user's default entity (usually the username). */
  entity: string;
  /** Team entities the user belongs to. */
  teams?: string[];
  /** Whether the user is an administrator. */
  admin?: boolean;
}

/** A project under an entity. */
export interface DatasetProject {
  /** Owning entity name. */
  entity: string;
  /** Project name. */
  name: string;
  /** Creation time, `YYYY-MM-DDTHH:MM:SS` (UTC, no zone). */
  createdAt: string;
  /** Free-text description. */
  description?: string;
}

/** One file of a run; `bytes` may be a function yielding chunks so big files are produced lazily. */
export interface DatasetFile {
  /** File name (path inside the run). */
  name: string;
  /** MIME type, e.g. `text/plain`. */
  mimetype: string;
  /** The content, or a function returning its chunks in order (called once per read). */
  bytes: Uint8Array | (() => Iterable<Uint8Array>);
  /** Last modification time, `YYYY-MM-DDTHH:MM:SS`. */
  updatedAt: string;
}

/** A run with its metadata, config, summary and lazily produced history, events and files. */
export interface DatasetRun {
  /** Entity of the project. */
  entity: string;
  /** Project name. */
  project: string;
  /** Run id (GraphQL `Run.name`). */
  name: string;
  /** Human-readable name. */
  displayName: string | null;
  /** `running`, `finished`, `crashed`, `failed`, ... */
  state: string;
  /** Creation time, `YYYY-MM-DDTHH:MM:SS`. */
  createdAt: string;
  /** Last heartbeat, `YYYY-MM-DDTHH:MM:SS`. */
  heartbeatAt: string | null;
  /** Creator's username. */
  username: string;
  /** Tags. */
  tags: string[];
  /** Run group. */
  group: string | null;
  /** Job type. */
  jobType: string | null;
  /** Notes. */
  notes: string | null;
  /** Sweep id (sweep `name`) the run belongs to. */
  sweep: string | null;
  /** Host name. */
  host?: string | null;
  /** Git commit. */
  commit?: string | null;
  /** Config in stored form: `{k: {value, desc}}`, including `_wandb`. */
  config: Record<string, unknown>;
  /** Summary metrics (may hold NaN/Infinity numbers). */
  summary: Record<string, unknown>;
  /** Latest system metrics, e.g. `{"system.cpu": 12.5}`. */
  systemMetrics: Record<string, unknown>;
  /** History rows, `_step` ascending, each with `_runtime` and `_timestamp`. */
  history: Iterable<Record<string, unknown>>;
  /** System-metric rows (`events` stream). */
  events: Iterable<Record<string, unknown>>;
  /** The run's files. */
  files: Iterable<DatasetFile>;
  /** Export the history to Parquet after the import (see `Store.exportHistory`); live-only when absent. */
  historyExport?: HistoryExportOptions;
}

/** A sweep; `config` is YAML text. */
export interface DatasetSweep {
  /** Entity name. */
  entity: string;
  /** Project name. */
  project: string;
  /** Sweep id. */
  name: string;
  /** Human-readable name. */
  displayName: string | null;
  /** Search method: `bayes`, `grid`, `random`. */
  method: string;
  /** `RUNNING`, `FINISHED`, ... */
  state: string;
  /** The sweep configuration as YAML text. */
  config: string;
  /** Creation time, `YYYY-MM-DDTHH:MM:SS`. */
  createdAt: string;
  /** Expected number of runs. */
  runCountExpected?: number | null;
  /** Free-text description. */
  description?: string | null;
}

/** A report (a project view of type `runs`). */
export interface DatasetReport {
  /** Entity name. */
  entity: string;
  /** Project name. */
  project: string;
  /** Report id (stable, opaque). */
  id: string;
  /** Report name (the `viewName` clients filter on). */
  name: string;
  /** Title shown to users. */
  displayName: string;
  /** Description. */
  description: string;
  /** Author's username. */
  username: string;
  /** The report spec (`panelGroups` with `runSets`). */
  spec: Record<string, unknown>;
  /** Creation time, `YYYY-MM-DDTHH:MM:SS`. */
  createdAt: string;
  /** Last update time, `YYYY-MM-DDTHH:MM:SS`. */
  updatedAt: string;
}

/** Everything the store imports. JSON-serialisable except the lazy iterables. */
export interface Dataset {
  /** Users (the demo always includes the well-known `demo` user). */
  users: DatasetUser[];
  /** Projects. */
  projects: DatasetProject[];
  /** Runs; may be a generator so that large datasets never sit in memory. */
  runs: Iterable<DatasetRun>;
  /** Sweeps. */
  sweeps: DatasetSweep[];
  /** Reports. */
  reports: DatasetReport[];
}

/** Size and seed knobs of {@link generateDemoDataset}. */
export interface DemoOptions {
  /** PRNG seed. @defaultValue 1 */
  seed?: number;
  /** Number of entities (the first is always `demo`). @defaultValue 1 */
  entities?: number;
  /** Projects per entity (the first of `demo` is always `mnist`). @defaultValue 3 */
  projectsPerEntity?: number;
  /** Runs per project. @defaultValue 10 */
  runsPerProject?: number;
  /** History rows per run. @defaultValue 500 */
  historyLength?: number;
  /** Metric keys per history row besides `_step`, `_runtime`, `_timestamp`. @defaultValue 6 */
  keysPerRow?: number;
  /** Files per run (up to 4 standard files). @defaultValue 4 */
  filesPerRun?: number;
  /** Sweeps (the first is in `demo/mnist`). @defaultValue 1 */
  sweeps?: number;
  /** Reports. @defaultValue 1 */
  reports?: number;
  /** When set, the first run of `demo/mnist` gets a lazily generated `large.bin` of this many bytes. */
  largeFileBytes?: number;
}

export { generateDemoDataset } from './generate';
export { loadFixture } from './fixture';
export { DEMO_API_KEY } from './users';
