import type { FileSource, ParquetReader, Platform } from '@wbapi/core';
import { corsAwareFetch } from './cors-aware-fetch';
import {
  downloadInBrowser,
  type BrowserDownloadOptions,
  type BrowserDownloadResult,
} from './browser-download';

/** Options of {@link BrowserPlatform}. */
export interface BrowserPlatformOptions {
  /**
   * The fetch to use. @defaultValue the page's `fetch`, with a cross-origin request refused for
   * CORS turned into a `NetworkError` with `code: 'CORS'` (see {@link corsAwareFetch})
   */
  fetch?: typeof fetch;
  /**
   * Lets history scans read the runs' Parquet exports: pass `loadParquetReader` (from
   * `@wbapi/core/internal`); the reader is then a chunk loaded by the first scan that reads
   * exports. Without it scans read the page queries, and a page ships no reader, not even a lazy
   * chunk (bundlers emit a chunk for every `import()` of a file they include).
   */
  parquetReader?: () => Promise<ParquetReader>;
}

/**
 * The browser platform: the page's `fetch` and downloads to Blob or stream. It reads no
 * settings from anywhere: pass `baseUrl` and `apiKey` to the Api explicitly.
 */
export class BrowserPlatform implements Platform<BrowserDownloadOptions, BrowserDownloadResult> {
  /** Always `'browser'`. */
  readonly name = 'browser';
  /** The fetch the Api uses. */
  readonly fetch: typeof fetch;
  /** Loads the Parquet history reader, when given. */
  readonly parquetReader: (() => Promise<ParquetReader>) | undefined;

  constructor(options: BrowserPlatformOptions = {}) {
    this.parquetReader = options.parquetReader;
    // Bound, because calling the page's fetch as a method of another object throws "Illegal invocation".
    this.fetch = options.fetch ?? corsAwareFetch((input, init) => globalThis.fetch(input, init));
  }

  /** Downloads into a Blob, or a stream with `as: 'stream'`; see {@link downloadInBrowser}. */
  download(source: FileSource, options: BrowserDownloadOptions = {}): Promise<BrowserDownloadResult> {
    return downloadInBrowser(source, options);
  }
}

/** A new {@link BrowserPlatform}. */
export function browserPlatform(options: BrowserPlatformOptions = {}): BrowserPlatform {
  return new BrowserPlatform(options);
}
