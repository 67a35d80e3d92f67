import type { Database } from 'better-sqlite3';

/** Changes kept per project before the oldest half is forgotten (caches older than that rebuild). */
const LOG_LIMIT = 20_000;

interface ProjectLog {
  /** Clocks of the changes, ascending, with the run id changed at each. */
  clocks: number[];
  ids: number[];
  /** Listings made at or before this clock cannot be patched (log truncated, project renamed). */
  resetClock: number;
}

/**
 * Records which runs of which project changed, through TEMP triggers on `runs` and `projects`
 * that call a JS function: every insert, update or delete of a run (whoever writes it, on this
 * connection) ticks a clock and logs the run id. The triggers live in the connection's TEMP
 * schema, so nothing is added to the database file. Writes by other connections are noticed
 * through `PRAGMA data_version` and reset every project.
 */
export class RunChanges {
  private clockValue = 0;
  private readonly logs = new Map<number, ProjectLog>();
  private dataVersion: number;
  /** Listings made before this clock are stale in every project (another connection wrote). */
  private resetAll = 0;

  private static readonly trackers = new WeakMap<Database, RunChanges>();

  /** The tracker of a connection (one per connection: the triggers call one function). */
  static of(db: Database): RunChanges {
    let tracker = RunChanges.trackers.get(db);
    if (!tracker) {
      tracker = new RunChanges(db);
      RunChanges.trackers.set(db, tracker);
    }
    return tracker;
  }

  private constructor(private readonly db: Database) {
    db.function('wbapi_run_changed', { deterministic: false }, (projectId: unknown, id: unknown) => {
      this.record(Number(projectId), Number(id));
      return null;
    });
    db.function('wbapi_project_changed', { deterministic: false }, (projectId: unknown) => {
      this.log(Number(projectId)).resetClock = ++this.clockValue;
      return null;
    });
    db.exec(`
      CREATE TEMP TRIGGER IF NOT EXISTS wbapi_runs_insert AFTER INSERT ON main.runs
        BEGIN SELECT wbapi_run_changed(NEW.project_id, NEW.id); END;
      CREATE TEMP TRIGGER IF NOT EXISTS wbapi_runs_delete AFTER DELETE ON main.runs
        BEGIN SELECT wbapi_run_changed(OLD.project_id, OLD.id); END;
      CREATE TEMP TRIGGER IF NOT EXISTS wbapi_runs_update AFTER UPDATE ON main.runs
        BEGIN SELECT wbapi_run_changed(OLD.project_id, OLD.id), wbapi_run_changed(NEW.project_id, NEW.id); END;
      CREATE TEMP TRIGGER IF NOT EXISTS wbapi_projects_update AFTER UPDATE ON main.projects
        BEGIN SELECT wbapi_project_changed(OLD.id), wbapi_project_changed(NEW.id); END;
      CREATE TEMP TRIGGER IF NOT EXISTS wbapi_projects_delete AFTER DELETE ON main.projects
        BEGIN SELECT wbapi_project_changed(OLD.id); END;
    `);
    this.dataVersion = this.readDataVersion();
  }

  /** The current clock: a listing made now is up to date with every change at or before it. */
  get clock(): number {
    this.checkOtherConnections();
    return this.clockValue;
  }

  /**
   * Run ids of `projectId` changed after `clock` (deduplicated), or `null` when the listing made
   * at `clock` cannot be patched and must be rebuilt.
   */
  changedSince(projectId: number, clock: number): number[] | null {
    this.checkOtherConnections();
    if (clock < this.resetAll) return null;
    const log = this.logs.get(projectId);
    if (!log) return [];
    if (clock < log.resetClock) return null;
    let low = 0;
    let high = log.clocks.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((log.clocks[mid] as number) <= clock) low = mid + 1;
      else high = mid;
    }
    return [...new Set(log.ids.slice(low))];
  }

  private record(projectId: number, id: number): void {
    const log = this.log(projectId);
    log.clocks.push(++this.clockValue);
    log.ids.push(id);
    if (log.clocks.length > LOG_LIMIT) {
      const drop = LOG_LIMIT / 2;
      log.resetClock = log.clocks[drop - 1] as number;
      log.clocks.splice(0, drop);
      log.ids.splice(0, drop);
    }
  }

  private log(projectId: number): ProjectLog {
    let log = this.logs.get(projectId);
    if (!log) {
      log = { clocks: [], ids: [], resetClock: 0 };
      this.logs.set(projectId, log);
    }
    return log;
  }

  private readDataVersion(): number {
    return Number(this.db.pragma('data_version', { simple: true }));
  }

  /** Another connection wrote to the file: no log says what changed, so every project resets. */
  private checkOtherConnections(): void {
    const version = this.readDataVersion();
    if (version === this.dataVersion) return;
    this.dataVersion = version;
    this.resetAll = ++this.clockValue;
  }
}
