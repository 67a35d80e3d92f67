/** A row of `users`. */
export interface UserRow {
  id: number;
  username: string;
  name: string;
  email: string | null;
  api_key: string;
  entity: string;
  admin: number;
  teams: string;
  photo_url: string | null;
}

/** A row of `projects`. */
export interface ProjectRow {
  id: number;
  entity_name: string;
  name: string;
  created_at: string;
  description: string | null;
}

/** A row of `runs` (the columns of `schema.ts` plus the history counters). */
export interface RunRow {
  id: number;
  project_id: number;
  name: string;
  display_name: string | null;
  state: string | null;
  created_at: string;
  heartbeat_at: string | null;
  updated_at: string | null;
  sweep_name: string | null;
  group_name: string | null;
  job_type: string | null;
  host: string | null;
  username: string | null;
  commit_hash: string | null;
  notes: string | null;
  description: string | null;
  read_only: number;
  tags: string;
  config: string;
  summary_metrics: string;
  system_metrics: string;
  history_line_count: number;
  history_keys: string;
  history_key_bits: string;
  events_line_count: number;
}

/** A row of `files`, without the bytes. */
export interface FileRow {
  id: number;
  run_id: number;
  name: string;
  mimetype: string | null;
  size_bytes: number;
  md5: string;
  updated_at: string;
  disk_path: string | null;
}

/** A row of `sweeps`. */
export interface SweepRow {
  id: number;
  project_id: number;
  name: string;
  display_name: string | null;
  method: string;
  state: string;
  description: string | null;
  config: string;
  created_at: string;
  updated_at: string | null;
  run_count_expected: number | null;
}

/** A row of `views` (reports are views of type `runs`). */
export interface ViewRow {
  id: number;
  project_id: number;
  name: string;
  display_name: string | null;
  description: string | null;
  type: string;
  username: string | null;
  spec: string;
  created_at: string;
  updated_at: string | null;
}
