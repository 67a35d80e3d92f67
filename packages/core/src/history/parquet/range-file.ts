import { redactUrl } from '../../errors/http-error';
import type { BytesReply, GetBytes } from '../../transport/get-bytes';
import { ExportUrlError } from './export-url-error';
import type { ExportFetchStats } from './fetch-stats';

/** Retries of export URL requests (5xx, 429, dropped connections, short bodies). */
export interface ExportRetryOptions {
  /** Attempts per request, the first included. @defaultValue 5 */
  attempts?: number;
  /** Wait before the first retry, doubled each time. @defaultValue 200 */
  baseDelayMs?: number;
  /** Longest wait, `Retry-After` included. @defaultValue 5000 */
  maxDelayMs?: number;
}

/** How a {@link RangeFile} reaches its URL. */
export interface RangeFileOptions {
  /** How requests are sent: export URLs are signed, so no credentials or W&B headers are ever added. */
  get: GetBytes;
  /** Stops every request. */
  signal?: AbortSignal;
  /** Retries of failed requests. */
  retry?: ExportRetryOptions;
  /** Counters to add the traffic to. */
  stats?: ExportFetchStats;
}

/** A failure worth another attempt (5xx, 429, a dropped connection, a short body). */
class Transient extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number | null = null,
    readonly last: unknown = undefined,
    /** HTTP status, 0 when no reply came. */
    readonly status = 0,
  ) {
    super(message);
  }
}

/** Bodies that are an error page, never file bytes. */
const ERROR_BODY_TYPES = /^(text\/html|application\/(json|xml|problem\+json)|text\/xml)/i;

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function retryAfterMs(response: BytesReply): number | null {
  const header = response.headers.get('retry-after');
  if (header === null) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

/** `bytes a-b/total` of a 206, or null. */
function contentRange(response: BytesReply): { start: number; end: number; total: number | null } | null {
  const match = /^bytes\s+(\d+)-(\d+)\/(\d+|\*)$/i.exec(response.headers.get('content-range')?.trim() ?? '');
  if (!match) return null;
  return {
    start: Number(match[1]),
    end: Number(match[2]),
    total: match[3] === '*' ? null : Number(match[3]),
  };
}

/**
 * A remote file read by byte ranges (hyparquet's `AsyncBuffer`): its size from `HEAD`
 * (or, when `HEAD` is refused, from a `Range: bytes=0-7` GET), then `GET`s with
 * `Range: bytes=a-b`. Statuses, `Content-Range` and byte counts are checked; an error page is an
 * {@link ExportUrlError}, never data. A server that ignores `Range` (200) is read once whole and
 * served from memory after that. No credentials or custom headers are sent.
 */
export class RangeFile {
  private whole: Uint8Array | null = null;

  private constructor(
    private currentUrl: string,
    /** The file's size in bytes. */
    readonly byteLength: number,
    private readonly options: RangeFileOptions,
  ) {}

  /** Finds the size of the file at `url` and returns a reader of it. */
  static async open(url: string, options: RangeFileOptions): Promise<RangeFile> {
    const probe = new RangeFile(url, 0, options);
    const size = await probe.size();
    const file = new RangeFile(url, size.bytes, options);
    file.whole = size.whole;
    return file;
  }

  /** The signal that stops its reads (the scan's). */
  get signal(): AbortSignal | undefined {
    return this.options.signal;
  }

  /** The URL now used (it changes when a refreshed URL replaces an expired one). */
  get url(): string {
    return this.currentUrl;
  }

  /** Uses a fresh URL of the same file from now on (an expired signed URL was replaced). */
  replaceUrl(url: string): void {
    this.currentUrl = url;
  }

  /** Bytes `[start, end)` of the file, as an `ArrayBuffer` of their own (hyparquet's `AsyncBuffer`). */
  async slice(start: number, end = this.byteLength): Promise<ArrayBuffer> {
    const bytes = await this.read(start, end);
    const { buffer } = bytes;
    return bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength
      ? (buffer as ArrayBuffer)
      : (new Uint8Array(bytes).buffer as ArrayBuffer); // a copy (a Node Buffer's slice() would not be)
  }

  /**
   * Bytes `[start, end)` of the file (possibly a view into a larger buffer, or into `into` when
   * the platform reads bodies into a buffer given; see `BytesRequestInit.into`).
   */
  async read(start: number, end = this.byteLength, into?: Uint8Array): Promise<Uint8Array> {
    const stop = Math.min(end, this.byteLength);
    if (stop <= start) return new Uint8Array(0);
    if (!this.whole) {
      const bytes = await this.attempt(() => this.getRange(start, stop - 1, false, into));
      if (bytes.kind === 'range') return bytes.data;
      this.whole = bytes.data;
    }
    return this.whole.subarray(start, stop);
  }

  private async size(): Promise<{ bytes: number; whole: Uint8Array | null }> {
    const head = await this.attempt(async () => {
      const response = await this.send('HEAD');
      if (!response.ok) return null; // refused (S3 pre-signed GET URLs answer 403): use a ranged GET
      const length = response.headers.get('content-length');
      return length !== null && /^\d+$/.test(length) ? Number(length) : null;
    });
    if (head !== null) return { bytes: head, whole: null };
    const first = await this.attempt(() => this.getRange(0, 7, true));
    if (first.kind === 'whole') return { bytes: first.data.byteLength, whole: first.data };
    return { bytes: first.total, whole: null };
  }

  private async send(method: 'GET' | 'HEAD', range?: string, into?: Uint8Array): Promise<BytesReply> {
    const stats = this.options.stats;
    if (stats) stats.requests += 1;
    const headers = range ? { range } : undefined;
    try {
      return await this.options.get(this.currentUrl, {
        method,
        ...(headers ? { headers } : {}),
        ...(this.options.signal ? { signal: this.options.signal } : {}),
        ...(into ? { into } : {}),
      });
    } catch (error) {
      if (this.options.signal?.aborted) throw error;
      throw new Transient(`network error: ${(error as Error).message}`, null, error);
    }
  }

  private fail(response: BytesReply, bodyText: string, what: string): never {
    const status = response.status;
    const transient = status >= 500 || status === 429 || status === 408;
    const message = `History export ${what}: HTTP ${status} from ${redactUrl(this.currentUrl)}`;
    if (transient) throw new Transient(message, retryAfterMs(response), undefined, status);
    throw new ExportUrlError(message, {
      status,
      statusText: response.statusText,
      url: this.currentUrl,
      bodyText: bodyText.slice(0, 500),
    });
  }

  /** A ranged GET, checked: 206 with the bytes asked for, or 200 with the whole file. */
  private async getRange(
    start: number,
    end: number,
    sizeUnknown = false,
    into?: Uint8Array,
  ): Promise<{ kind: 'range'; data: Uint8Array; total: number } | { kind: 'whole'; data: Uint8Array }> {
    const response = await this.send('GET', `bytes=${start}-${end}`, into);
    if (!response.ok) this.fail(response, await response.text().catch(() => ''), 'read failed');
    const type = response.headers.get('content-type') ?? '';
    if (ERROR_BODY_TYPES.test(type)) {
      const text = await response.text().catch(() => '');
      throw new ExportUrlError(
        `History export answered ${type.split(';')[0] ?? type} instead of file bytes (${redactUrl(this.currentUrl)})`,
        { status: response.status, url: this.currentUrl, bodyText: text.slice(0, 500) },
      );
    }
    const body = await this.readBody(response);
    if (response.status === 206) {
      const range = contentRange(response);
      const expected = sizeUnknown ? Math.min(end, (range?.total ?? end + 1) - 1) : end;
      if (
        !range ||
        range.start !== start ||
        range.end !== expected ||
        body.byteLength !== expected - start + 1
      ) {
        throw new Transient(
          `History export sent bytes ${range?.start ?? '?'}-${range?.end ?? '?'} (${body.byteLength}) for ${start}-${end}`,
        );
      }
      return { kind: 'range', data: body, total: range.total ?? this.byteLength };
    }
    // 200: the server ignored Range and sent the whole file.
    const length = response.headers.get('content-length');
    if (length !== null && Number(length) !== body.byteLength) {
      throw new Transient(`History export sent ${body.byteLength} of ${length} bytes`);
    }
    if (!sizeUnknown && body.byteLength !== this.byteLength) {
      throw new ExportUrlError(
        `History export changed size: ${body.byteLength} bytes, expected ${this.byteLength}`,
        {
          status: response.status,
          url: this.currentUrl,
        },
      );
    }
    // The whole file is kept: never in the caller's buffer, which goes back to its pool.
    return { kind: 'whole', data: into && body.buffer === into.buffer ? new Uint8Array(body) : body };
  }

  private async readBody(response: BytesReply): Promise<Uint8Array> {
    let body: Uint8Array;
    try {
      body = await response.bytes();
    } catch (error) {
      if (this.options.signal?.aborted) throw error;
      throw new Transient(`connection dropped while reading: ${(error as Error).message}`, null, error);
    }
    if (this.options.stats) this.options.stats.bytes += body.byteLength;
    return body;
  }

  private async attempt<T>(fn: () => Promise<T>): Promise<T> {
    const attempts = Math.max(1, this.options.retry?.attempts ?? 5);
    const base = this.options.retry?.baseDelayMs ?? 200;
    const cap = this.options.retry?.maxDelayMs ?? 5000;
    for (let i = 1; ; i++) {
      try {
        return await fn();
      } catch (error) {
        if (!(error instanceof Transient)) throw error;
        if (i >= attempts) {
          throw new ExportUrlError(`${error.message} (after ${attempts} attempts)`, {
            status: error.status,
            url: this.currentUrl,
            cause: error.last ?? error,
          });
        }
        await sleep(Math.min(cap, error.retryAfterMs ?? base * 2 ** (i - 1)), this.options.signal);
      }
    }
  }
}
