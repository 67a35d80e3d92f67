import type { ClientLike, RequestOptions } from '../../session/session';
import { redactUrl } from '../../errors/http-error';
import type { HistoryRow } from '../history';
import type { HistoryBatch } from '../history-batch';
import { nextWindow, scanRange, type ScanWindow } from '../scan-plan';
import { ExportUrlError } from './export-url-error';
import type { DecodedGroup } from './decoded-group';
import { ExportFile, type ExportRowGroup } from './export-file';
import type { ExportFetchStats } from './fetch-stats';
import { mergeByStep } from './merge-rows';
import {
  fetchParquetHistory,
  type ParquetHistoryAnswer,
  type ParquetSupportMemo,
} from './parquet-history-query';
import type { RunRef } from '../../paths/refs';
import type { ExportRetryOptions } from './range-file';
import type { GetBytes } from '../../transport/get-bytes';

/** Widest live request, in steps, whatever the page size (the page path's usual width). */
export const LIVE_WINDOW = 1000;

/** What a Parquet history scan reads from. */
export interface ParquetScanSources {
  /** The GraphQL client (`RunParquetHistory`). */
  client: Pick<ClientLike, 'request'>;
  /** How export URLs are read: they are signed, so nothing is added to these requests. */
  get: GetBytes;
  /** The run. */
  run: RunRef;
  /** Where "the server has no `parquetHistory`" is remembered (one per `Api`). */
  memo: ParquetSupportMemo;
  /** The run's last step (`lastHistoryStep`, −1 without history). */
  lastStep(): Promise<number>;
  /**
   * The page path's rows of `[window.minStep, window.end)`: all keys without `keys`, else
   * only rows having every key (`keys` includes `_step`).
   */
  livePage(window: ScanWindow, keys: readonly string[] | undefined): Promise<HistoryRow[]>;
  /** Retries of export URL requests. */
  retry?: ExportRetryOptions;
  /** Counters of export URL traffic. */
  stats?: ExportFetchStats;
  /** Signal and other options of the GraphQL requests (the signal stops file reads too). */
  call?: RequestOptions;
}

/** What to scan. */
export interface ParquetScanOptions {
  /** Only these keys, and only rows having all of them; `_step` is always kept. */
  keys?: readonly string[];
  /** Steps per page. @defaultValue 1000 */
  pageSize?: number;
  /** First step (inclusive). @defaultValue 0 */
  minStep?: number;
  /** Step to stop before (exclusive); clamped to the last step + 1. */
  maxStep?: number;
  /** Pages start after this step (a resumed scan). */
  after?: number | null;
  /**
   * Give pages made only of exported rows as column batches (`batches`), made from the decoded
   * columns without making rows, where they hold exactly the rows the page would. @defaultValue false
   */
  batches?: boolean;
}

/** A page of a Parquet scan: the window it covers and its rows (or, asked for, its batches). */
export interface ParquetScanPage {
  window: ScanWindow;
  rows: HistoryRow[];
  /** With `batches`, for a page of exported rows only: its rows as batches (`rows` is then empty). */
  batches?: HistoryBatch[];
}

/**
 * Where live rows begin (semantics of the newest SDK, with the tail the SDK loses kept):
 * the smallest live `_step`; everything when there are neither files nor live rows; after the
 * last exported step when there are files, no live rows and history beyond them; else nowhere.
 */
export function liveFrom(
  answer: ParquetHistoryAnswer,
  files: readonly ExportFile[],
  lastStep: number,
): number {
  let first = Infinity;
  for (const row of answer.liveData) {
    const step = row._step;
    if (typeof step === 'number' && step < first) first = Math.trunc(step);
  }
  if (first !== Infinity) return first;
  const groups = files.flatMap((f) => f.groups);
  if (groups.length === 0) return -Infinity;
  const exportedMax = Math.max(...groups.map((g) => g.maxStep));
  return lastStep > exportedMax ? exportedMax + 1 : Infinity;
}

/** Opens export files, and reopens them under fresh URLs when theirs expire. */
class ExportSet {
  files: ExportFile[] = [];
  private answer: ParquetHistoryAnswer;

  constructor(
    private readonly sources: ParquetScanSources,
    first: ParquetHistoryAnswer,
  ) {
    this.answer = first;
  }

  get current(): ParquetHistoryAnswer {
    return this.answer;
  }

  private fileOptions() {
    const { get, retry, stats, call } = this.sources;
    return {
      get,
      ...(retry ? { retry } : {}),
      ...(stats ? { stats } : {}),
      ...(call?.signal ? { signal: call.signal } : {}),
    };
  }

  async open(): Promise<void> {
    const urls = this.answer.parquetUrls;
    this.files = [];
    for (let i = 0; i < urls.length; i++) {
      this.files.push(
        await this.withFreshUrl(i, () =>
          ExportFile.open(this.answer.parquetUrls[i] as string, i, this.fileOptions()),
        ),
      );
    }
  }

  /** Runs `op`; when the file's URL has expired, asks for the URLs again once and retries. */
  async withFreshUrl<T>(position: number, op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (error) {
      if (!(error instanceof ExportUrlError && error.expired)) throw error;
      await this.refresh(position, error);
      return op();
    }
  }

  private async refresh(position: number, cause: ExportUrlError): Promise<void> {
    const { client, run, memo, call } = this.sources;
    const fresh = await fetchParquetHistory(client, run, ['_step'], memo, call);
    // Signed URLs of the same object differ only in their query; the order may change.
    const byPath = new Map(fresh.parquetUrls.map((u) => [redactUrl(u), u]));
    const urls = this.answer.parquetUrls.map((u) => byPath.get(redactUrl(u)));
    if (urls.some((u) => u === undefined) || !urls[position]) throw cause;
    this.answer = { ...this.answer, parquetUrls: urls as string[] };
    for (const file of this.files) file.source.replaceUrl(urls[file.position] as string);
  }
}

/**
 * A run's history read from its Parquet exports plus the rows not exported yet, page by page
 * (`[a, a + pageSize)` windows; windows with no exported rows below the live rows are skipped).
 * Each page is exactly what the page path returns for it: exported rows of the window (only the
 * needed row groups and, for keyed scans, only the needed column chunks), the live rows of the
 * part of the window at or past the live boundary, merged by a stable sort and one row per step
 * (the exported one wins), with the keyed-scan rule of the page path.
 *
 * @throws ParquetHistoryUnsupportedError when the server has no `parquetHistory` (before any page).
 */
export async function* parquetHistoryPages(
  sources: ParquetScanSources,
  options: ParquetScanOptions = {},
): AsyncGenerator<ParquetScanPage> {
  const pageSize = options.pageSize ?? 1000;
  const keysWithStep =
    options.keys && (options.keys.includes('_step') ? [...options.keys] : ['_step', ...options.keys]);
  const projectionKeys = keysWithStep?.filter((k) => k !== '_step');
  const last = await sources.lastStep();
  const range = scanRange(last, options.minStep, options.maxStep);
  if (range.start >= range.stop) return;
  const answer = await fetchParquetHistory(
    sources.client,
    sources.run,
    ['_step'],
    sources.memo,
    sources.call,
  );
  const set = new ExportSet(sources, answer);
  await set.open();
  const boundary = liveFrom(answer, set.files, last);
  const columns = new Map(set.files.map((f) => [f, f.projection(projectionKeys)]));
  // Decoded row groups (and the next group of each file, read ahead) with a cursor: windows only
  // move forward, so each row group is fetched and decoded once.
  const decoded = new Map<ExportRowGroup, { rows: Promise<DecodedGroup>; next: number }>();
  const decode = (file: ExportFile, g: ExportRowGroup) => {
    let entry = decoded.get(g);
    if (!entry) {
      const wanted = columns.get(file) as string[];
      const rows = set.withFreshUrl(file.position, () => file.decodeGroup(g, wanted));
      rows.catch(() => undefined); // a read-ahead that fails surfaces when awaited
      entry = { rows, next: 0 };
      decoded.set(g, entry);
    }
    return entry;
  };
  const after = options.after ?? null;
  let offset = after === null ? range.start : Math.max(range.start, after + 1);
  while (offset < range.stop) {
    const window = nextWindow(offset, range.stop, pageSize) as ScanWindow;
    const overlapping = set.files.flatMap((file) =>
      file.groups
        .filter((g) => g.maxStep >= window.minStep && g.minStep < window.end)
        .map((g) => ({ file, g })),
    );
    if (overlapping.length === 0 && window.end <= boundary) {
      // Nothing exported here and nothing live yet: jump to the next exported rows or the live ones.
      const next = Math.min(
        boundary,
        ...set.files.flatMap((f) => f.groups.filter((g) => g.minStep >= window.end).map((g) => g.minStep)),
      );
      offset = Math.max(window.end, Math.min(next, range.stop));
      continue;
    }
    const slices: GroupSlice[] = [];
    for (const { file, g } of overlapping) {
      const entry = decode(file, g);
      const following = file.groups[file.groups.indexOf(g) + 1];
      if (following && following.minStep < range.stop) decode(file, following);
      const group = await entry.rows;
      const { steps } = group;
      let i = entry.next;
      // NaN (a null _step) compares false both ways: such rows are passed over, never returned.
      while (i < steps.length && !((steps[i] as number) >= window.minStep)) i++;
      let j = i;
      while (j < steps.length && !((steps[j] as number) >= window.end)) j++;
      slices.push({ group, from: i, to: j });
      entry.next = j;
    }
    const live: HistoryRow[] = [];
    for (let lo = Math.max(window.minStep, boundary); lo < window.end; lo += LIVE_WINDOW) {
      const part = { minStep: lo, end: Math.min(lo + LIVE_WINDOW, window.end) };
      live.push(...(await sources.livePage(part, keysWithStep)));
    }
    for (const [g] of decoded) if (g.maxStep < window.end) decoded.delete(g);
    const oneFile = new Set(overlapping.map(({ file }) => file)).size <= 1;
    const batches = options.batches && live.length === 0 && oneFile ? batchesOf(slices, keysWithStep) : null;
    if (batches) yield { window, rows: [], batches };
    else {
      let exported: HistoryRow[] = [];
      for (const { group, from, to } of slices) {
        const rows = keysWithStep ? group.keyedRows(from, to, keysWithStep) : group.rows(from, to);
        if (exported.length === 0) exported = rows;
        else for (const row of rows) exported.push(row);
      }
      yield { window, rows: mergeByStep(exported, live) };
    }
    offset = window.end;
  }
}

/** The rows of one row group a page takes: positions `[from, to)`. */
interface GroupSlice {
  group: DecodedGroup;
  from: number;
  to: number;
}

/**
 * The slices of one file's row groups as batches, when each can be one ({@link DecodedGroup.batch})
 * and together they hold one row per step, ascending (what `mergeByStep` would leave as is);
 * else null. Empty batches are left out.
 */
function batchesOf(
  slices: readonly GroupSlice[],
  keysWithStep: readonly string[] | undefined,
): HistoryBatch[] | null {
  const out: HistoryBatch[] = [];
  let lastStep = -Infinity;
  for (const { group, from, to } of slices) {
    const batch = group.batch(from, to, keysWithStep);
    if (batch === null) return null;
    if (batch.length === 0) continue;
    const steps = batch.columns['_step'] as Float64Array;
    if ((steps[0] as number) <= lastStep) return null;
    lastStep = steps[batch.length - 1] as number;
    out.push(batch);
  }
  return out;
}
