import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FaultController } from '../faults/faults';
import type { Store } from '../store/store';
import { exportHistory } from './export-history';

/** Where export files are served: `/exports/history/<file id>/<name>?expires=...&signature=...`. */
export const EXPORTS_PATH = '/exports/history/';

/** Default lifetime of an export URL: one hour. */
export const DEFAULT_EXPORT_URL_TTL_MS = 3_600_000;

/** Options of {@link ExportService}. */
export interface ExportServiceOptions {
  /** Lifetime of new export URLs in ms (the fault switch `exportUrlTtlMs` overrides it). @defaultValue 3600000 */
  urlTtlMs?: number;
  /** Export a run's history this many ms after `upsertBucket` sets it `finished`; never when absent. */
  exportDelayMs?: number;
  /** Called when a scheduled export fails. */
  log?: (error: Error) => void;
}

/** What checking a signed export URL found. */
export type UrlCheck = 'ok' | 'expired' | 'invalid';

/**
 * Signs and checks export URLs (HMAC of file id and expiry with a per-server secret, so they work
 * without credentials like object-store signed URLs), and schedules exports of finished runs.
 */
export class ExportService {
  private readonly secret = randomBytes(32);
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(
    private readonly store: Store,
    private readonly faults: FaultController,
    private readonly options: ExportServiceOptions = {},
  ) {}

  /** Whether `parquetHistory` answers an empty `liveData` (fault switch `liveDataOmitted`). */
  get liveDataOmitted(): boolean {
    return this.faults.current.liveDataOmitted === true;
  }

  private signature(fileId: number, expires: number): string {
    return createHmac('sha256', this.secret).update(`${fileId}:${expires}`).digest('base64url');
  }

  /** A signed URL of export file `fileId` under `baseUrl`. */
  sign(baseUrl: string, fileId: number, name: string, now = Date.now()): string {
    const ttl = this.faults.current.exportUrlTtlMs ?? this.options.urlTtlMs ?? DEFAULT_EXPORT_URL_TTL_MS;
    const expires = now + ttl;
    return `${baseUrl}${EXPORTS_PATH}${fileId}/${encodeURIComponent(name)}?expires=${expires}&signature=${this.signature(fileId, expires)}`;
  }

  /** Checks the query of a signed URL for `fileId`. */
  check(fileId: number, query: URLSearchParams, now = Date.now()): UrlCheck {
    const expires = Number(query.get('expires'));
    const given = Buffer.from(query.get('signature') ?? '');
    const wanted = Buffer.from(this.signature(fileId, expires));
    if (!Number.isSafeInteger(expires) || given.length !== wanted.length || !timingSafeEqual(given, wanted))
      return 'invalid';
    return now > expires ? 'expired' : 'ok';
  }

  /** Schedules the export of a run that was just marked finished (when `exportDelayMs` is set). */
  runFinished(runId: number): void {
    const delay = this.options.exportDelayMs;
    if (delay === undefined) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      try {
        if (this.store.db.open) exportHistory(this.store, runId);
      } catch (error) {
        this.options.log?.(error as Error);
      }
    }, delay);
    timer.unref?.();
    this.timers.add(timer);
  }

  /** Cancels the scheduled exports. */
  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
