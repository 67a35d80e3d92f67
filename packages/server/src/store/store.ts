import Database from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type {
  Dataset,
  DatasetFile,
  DatasetReport,
  DatasetRun,
  DatasetSweep,
  DatasetUser,
} from '../demo/dataset';
import { recordDeletedRun } from './deleted-runs';
import { importDataset, type ImportSummary } from './import-dataset';
import type { ProjectRow, RunRow, UserRow } from './rows';
import { registerSqlFunctions } from '../query';
import { applySchema } from './schema';
import { insertFile, insertReport, insertSweep, insertUser, upsertProject } from './write-objects';
import { insertRun, appendHistory, deleteRunData } from './write-run';

/** Where a {@link Store} keeps its data. */
export interface StoreOptions {
  /** SQLite file; in memory when absent. */
  path?: string;
  /** Folder for large file bytes; `<path>-files` for a file database, a temporary folder otherwise. */
  filesDir?: string;
}

/**
 * The server's storage: SQLite through better-sqlite3 (in memory by default), with prepared
 * statements cached by SQL text. Every multi-row write runs in one transaction.
 */
export class Store {
  /** The SQLite connection (for the query compiler and tests). */
  readonly db: Database.Database;
  /** Folder holding the bytes of large files. */
  readonly filesDir: string;
  private readonly statements = new Map<string, Statement>();
  private readonly tempFilesDir: boolean;

  constructor(options: StoreOptions = {}) {
    this.db = new Database(options.path ?? ':memory:');
    applySchema(this.db, !options.path);
    registerSqlFunctions(this.db);
    this.tempFilesDir = !options.filesDir && !options.path;
    this.filesDir =
      options.filesDir ?? (options.path ? `${options.path}-files` : mkdtempSync(`${tmpdir()}/wbapi-files-`));
  }

  /** A prepared statement for `sql`, prepared once per Store. */
  prepare<T = unknown>(sql: string): Statement<unknown[], T> {
    let statement = this.statements.get(sql);
    if (!statement) {
      // Filters compile to many SQL shapes: keep the cache bounded.
      if (this.statements.size >= 2000) this.statements.clear();
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement as Statement<unknown[], T>;
  }

  /** Runs `fn` in one transaction (nested calls join the outer one). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /** Adds or replaces a user (keyed by username), with its API key. */
  addUser(user: DatasetUser): UserRow {
    return insertUser(this, user);
  }

  /** Creates the project when missing and returns it. */
  addProject(project: {
    entity: string;
    name: string;
    createdAt?: string;
    description?: string;
  }): ProjectRow {
    return upsertProject(this, project);
  }

  /** Adds a run with its history, events and files in one transaction (replacing a run of that name). */
  addRun(run: DatasetRun): RunRow {
    return this.transaction(() => insertRun(this, run));
  }

  /** Appends history rows (with `_step`) to a run, in one transaction. */
  appendHistory(runId: number, rows: Iterable<Record<string, unknown>>): void {
    this.transaction(() => appendHistory(this, runId, rows));
  }

  /** Adds or replaces one file of a run. */
  addFile(runId: number, file: DatasetFile): void {
    this.transaction(() => insertFile(this, runId, file));
  }

  /** Adds a sweep (its config is YAML text). */
  addSweep(sweep: DatasetSweep): void {
    insertSweep(this, sweep);
  }

  /** Adds a report (a view of type `runs`). */
  addReport(report: DatasetReport): void {
    insertReport(this, report);
  }

  /** Deletes a run with its history, events and files, in one transaction (a second GraphQL delete then succeeds). */
  deleteRun(runId: number): void {
    this.transaction(() => {
      recordDeletedRun(this, runId);
      deleteRunData(this, runId);
    });
  }

  /** Imports a whole data set: users, projects, sweeps and reports at once, then one transaction per run. */
  importDataset(dataset: Dataset): ImportSummary {
    return importDataset(this, dataset);
  }

  /** A user by API key. */
  userByApiKey(apiKey: string): UserRow | undefined {
    return this.prepare<UserRow>('SELECT * FROM users WHERE api_key = ?').get(apiKey);
  }

  /** A project by entity and name. */
  project(entity: string, name: string): ProjectRow | undefined {
    return this.prepare<ProjectRow>('SELECT * FROM projects WHERE entity_name = ? AND name = ?').get(
      entity,
      name,
    );
  }

  /** A run by entity, project and run id (`name`). */
  run(entity: string, project: string, name: string): RunRow | undefined {
    return this.prepare<RunRow>(
      'SELECT r.* FROM runs r JOIN projects p ON p.id = r.project_id WHERE p.entity_name = ? AND p.name = ? AND r.name = ?',
    ).get(entity, project, name);
  }

  /** Closes the database and removes a temporary files folder. */
  close(): void {
    if (this.db.open) this.db.close();
    if (this.tempFilesDir) rmSync(this.filesDir, { recursive: true, force: true });
  }
}
