/** A row of `organizations`. */
export interface OrganizationRow {
  id: number;
  name: string;
  org_entity: string;
}

/** A row of `artifact_types`. */
export interface ArtifactTypeRow {
  id: number;
  project_id: number;
  name: string;
  description: string | null;
  created_at: string;
}

/** A row of `artifact_collections`. */
export interface CollectionRow {
  id: number;
  project_id: number;
  type_id: number;
  name: string;
  kind: 'SEQUENCE' | 'PORTFOLIO';
  description: string | null;
  tags: string;
  created_at: string;
  updated_at: string | null;
}

/** A row of `artifacts` (one version). */
export interface ArtifactRow {
  id: number;
  sequence_id: number;
  version_index: number;
  state: 'PENDING' | 'COMMITTED' | 'DELETED';
  digest: string;
  size: number;
  file_count: number;
  description: string | null;
  metadata: string | null;
  tags: string;
  ttl_seconds: number;
  commit_hash: string | null;
  history_step: number | null;
  created_at: string;
  updated_at: string | null;
  creator_run_id: number | null;
}

/** A row of `artifact_entries` (one manifest entry). */
export interface EntryRow {
  artifact_id: number;
  path: string;
  digest: string;
  size: number;
  ref: string | null;
  birth_artifact_id: number | null;
  extra: string | null;
  blob_hex: string | null;
}

/** A row of `artifact_blobs`. */
export interface BlobRow {
  hex: string;
  size: number;
  content: Buffer | null;
  disk_path: string | null;
}

/** A row of `artifact_memberships`. */
export interface MembershipRow {
  id: number;
  collection_id: number;
  artifact_id: number;
  version_index: number;
  created_at: string;
}
