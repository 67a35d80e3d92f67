import type { RequestOptions } from '../../api/context';
import type { Platform } from '../../platform';
import type { Run } from '../../runs/run';
import { fetchHistoryPage } from '../history-page';
import type { ParquetSupportMemo } from './parquet-history-query';
import type { ParquetScanSources } from './parquet-scan';
import { LIVE_WINDOW } from './parquet-scan';
import type { ExportRetryOptions } from './range-file';
import type { ExportFetchStats } from './fetch-stats';

/** One memo per `Api` (keyed by the context its runs share): the server's answer is asked once. */
const memos = new WeakMap<object, ParquetSupportMemo>();

/** The memo of the `Api` that made `run`. */
export function supportMemoOf(run: Run<Platform>): ParquetSupportMemo {
  let memo = memos.get(run.context);
  if (!memo) {
    memo = { unsupported: false };
    memos.set(run.context, memo);
  }
  return memo;
}

/**
 * What a Parquet scan of `run` reads from: the run's GraphQL client, the platform's fetch for the
 * export URLs (no credentials added), the run's last step and the page path for live rows.
 */
export function parquetSourcesFor(
  run: Run<Platform>,
  call: RequestOptions,
  extra: { retry?: ExportRetryOptions; stats?: ExportFetchStats; fetch?: typeof fetch } = {},
): ParquetScanSources {
  const platformFetch = run.context.platform.fetch;
  return {
    client: run.context.client,
    fetch: extra.fetch ?? platformFetch ?? globalThis.fetch.bind(globalThis),
    run: { entity: run.entity, project: run.project, id: run.id },
    memo: supportMemoOf(run),
    lastStep: () => run.lastHistoryStep(call),
    livePage: (window, keys) => fetchHistoryPage(run, window, LIVE_WINDOW, keys, call),
    call,
    ...(extra.retry ? { retry: extra.retry } : {}),
    ...(extra.stats ? { stats: extra.stats } : {}),
  };
}
