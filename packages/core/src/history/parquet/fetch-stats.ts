/** Traffic of history export reads (shared by the files of a scan). */
export interface ExportFetchStats {
  /** HTTP requests sent to export URLs (retries included). */
  requests: number;
  /** Body bytes received from export URLs. */
  bytes: number;
}

/** Fresh zero counters. */
export function newFetchStats(): ExportFetchStats {
  return { requests: 0, bytes: 0 };
}
