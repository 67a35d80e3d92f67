import type { RunRef } from '../../paths/refs';
import type { RequestOptions, Session } from '../../session/session';
import { fetchHistoryPage } from '../history-page';
import { lastHistoryStep } from '../last-history-step';
import { bytesOverFetch, type GetBytes } from '../../transport/get-bytes';
import type { ExportFetchStats } from './fetch-stats';
import type { ParquetSupportMemo } from './parquet-history-query';
import { LIVE_WINDOW, type ParquetScanSources } from './parquet-scan';
import type { ExportRetryOptions } from './range-file';

/** One memo per session (one per `Api`): whether the server has `parquetHistory` is asked once. */
const memos = new WeakMap<object, ParquetSupportMemo>();

/** The memo of `session`. */
export function supportMemoOf(session: Session): ParquetSupportMemo {
  let memo = memos.get(session);
  if (!memo) {
    memo = { unsupported: false };
    memos.set(session, memo);
  }
  return memo;
}

/** How export URLs are read: `get` when given, else the platform's `getBytes`, else its fetch. */
export function exportGetter(session: Session, get?: GetBytes): GetBytes {
  return (
    get ??
    session.platform.getBytes ??
    bytesOverFetch(session.platform.fetch ?? globalThis.fetch.bind(globalThis))
  );
}

/**
 * What a Parquet scan of `run` reads from: the session's GraphQL client, the platform's reads for
 * the export URLs (no credentials added), the run's last step and the page path for live rows.
 */
export function parquetSourcesFor(
  session: Session,
  run: RunRef,
  call: RequestOptions,
  extra: { retry?: ExportRetryOptions; stats?: ExportFetchStats; get?: GetBytes } = {},
): ParquetScanSources {
  const ref = { entity: run.entity, project: run.project, id: run.id };
  return {
    client: session.client,
    get: exportGetter(session, extra.get),
    run: ref,
    memo: supportMemoOf(session),
    lastStep: () => lastHistoryStep(session, ref, call),
    livePage: (window, keys) => fetchHistoryPage(session, ref, window, LIVE_WINDOW, keys, call),
    call,
    ...(extra.retry ? { retry: extra.retry } : {}),
    ...(extra.stats ? { stats: extra.stats } : {}),
  };
}
