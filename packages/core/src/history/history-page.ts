import { HistoryPageDocument, SampledHistoryPageDocument } from '@wbapi/gql';
import type { RunRef } from '../paths/refs';
import { runNotFound } from '../runs/run-not-found';
import type { RequestOptions, Session } from '../session/session';
import { firstSpecRows, parseRows, type HistoryRow } from './history';
import type { ScanWindow } from './scan-plan';

/**
 * Fetches the history rows with `window.minStep <= _step < window.end`.
 *
 * Without keys this is `HistoryPage` (exclusive `maxStep`). With keys it is
 * `SampledHistoryPage`, whose `maxStep` is inclusive, so `end - 1` is sent; `keys` must
 * already include `_step`.
 */
export async function fetchHistoryPage(
  session: Session,
  run: RunRef,
  window: ScanWindow,
  pageSize: number,
  keys: readonly string[] | undefined,
  call: RequestOptions,
): Promise<HistoryRow[]> {
  const client = session.client;
  const base = { entity: run.entity, project: run.project, run: run.id };
  let found: boolean;
  let rows: HistoryRow[];
  if (keys) {
    const spec = JSON.stringify({
      keys,
      minStep: window.minStep,
      maxStep: window.end - 1,
      samples: pageSize,
    });
    const result = await client.request(SampledHistoryPageDocument, { ...base, spec }, call);
    found = Boolean(result.project?.run);
    rows = found ? firstSpecRows(result.project?.run?.sampledHistory) : [];
  } else {
    const variables = { ...base, minStep: window.minStep, maxStep: window.end, pageSize };
    const result = await client.request(HistoryPageDocument, variables, call);
    found = Boolean(result.project?.run);
    rows = found ? parseRows(result.project?.run?.history) : [];
  }
  if (!found) throw runNotFound(run);
  return rows;
}
