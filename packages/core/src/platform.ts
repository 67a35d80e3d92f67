/**
 * The small interface through which a runtime (Node, browsers, ...) plugs into core.
 *
 * @packageDocumentation
 */
import type { Artifact } from './artifacts/artifact';
import type { DownloadHistoryExportsOptions, HistoryExportsDownload } from './history/history-exports';
import type { ParquetReader } from './history/load-parquet-reader';
import type { RunRef } from './paths/refs';
import type { Session } from './session/session';
import type { GetBytes } from './transport/get-bytes';
import type { PostText } from './transport/post-text';

/** Settings a platform can read from its environment (env vars, netrc). Explicit options always win. */
export interface Settings {
  /** API base URL, e.g. `https://api.wandb.ai`. */
  baseUrl?: string;
  /** API key. */
  apiKey?: string;
  /** Default entity. */
  entity?: string;
  /** Default project. */
  project?: string;
  /** UI base URL, for `.url` properties. */
  appUrl?: string;
  /** Extra headers from the environment (e.g. `X-WANDB-USERNAME`); the `headers` option wins. */
  headers?: Record<string, string>;
  /** Per-attempt timeout in ms (`WANDB_HTTP_TIMEOUT` seconds); the `timeoutMs` option wins. */
  timeoutMs?: number;
}

/** What {@link FileSource.open} returns: the bytes and where they start. */
export interface OpenedFile {
  /** The file's bytes from `offset` on. */
  body: ReadableStream<Uint8Array>;
  /**
   * Offset of the first byte of `body`. Equal to the requested offset when the server honoured
   * the range; 0 when it ignored the range and sent the whole file.
   */
  offset: number;
  /** Size of the whole file, when the server said it; else `null`. */
  totalBytes: number | null;
}

/** A run file as the platform sees it: metadata plus a way to open its bytes. */
export interface FileSource {
  /** File name (a relative path inside the run). */
  readonly name: string;
  /** Download URL. */
  readonly url: string;
  /** Size in bytes as the server reported it. */
  readonly sizeBytes: number;
  /** Base64 MD5 as the server reported it, or `null`. */
  readonly md5: string | null;
  /** MIME type as the server listed it; `null`/absent when unknown. */
  readonly mimetype?: string | null;
  /** Opens the file's bytes from `offset` (Range when > 0), through `GraphQLClient.fetchFile`. */
  open(options?: { offset?: number; signal?: AbortSignal }): Promise<OpenedFile>;
}

/**
 * A runtime adapter. Core classes are generic over it, so that `file.download()` takes and
 * returns the platform's own types (a path on Node, a Blob in browsers).
 *
 * @typeParam TDownloadOptions - Options of {@link Platform.download}.
 * @typeParam TDownloadResult - Result of {@link Platform.download}.
 */
export interface Platform<TDownloadOptions = unknown, TDownloadResult = unknown> {
  /** Platform name: `'node'`, `'browser'`, ... */
  readonly name: string;
  /** The fetch to use. @defaultValue `globalThis.fetch` */
  fetch?: typeof fetch;
  /**
   * A cheaper way than `fetch` to POST GraphQL requests, used unless the caller gave its own
   * `fetch`. @defaultValue `fetch`
   */
  post?: PostText;
  /**
   * A cheaper way than `fetch` to read byte ranges of signed URLs (the history reader's export
   * files). @defaultValue this platform's `fetch`, through `bytesOverFetch`
   */
  getBytes?: GetBytes;
  /** Settings from the environment (env vars, netrc); explicit options always win. */
  settings?(baseUrl: string | undefined): Settings | Promise<Settings>;
  /**
   * Where this platform looked for an API key for `baseUrl` (e.g. `WANDB_API_KEY and ~/.netrc`),
   * named in the error when none was found. Absent when the platform reads no environment.
   */
  describeCredentialSources?(baseUrl: string): string;
  /**
   * Loads the Parquet history reader (`loadParquetReader` from `@wbapi/core/internal`), so that
   * history scans can read the run's exports. The Node platform has it; in browsers pass it to
   * `BrowserPlatform` (a page that does not ships no reader). Absent: scans read the page queries.
   */
  parquetReader?: () => Promise<ParquetReader>;
  /** Saves a file's bytes wherever this platform keeps downloads. */
  download(source: FileSource, options: TDownloadOptions): Promise<TDownloadResult>;
  /**
   * Downloads a whole artifact version (`artifact.download(options)`), with options and a result
   * of the platform's choosing (`options: never` accepts any). Absent where a platform keeps no
   * files (browsers: download files one by one with `artifact.file(name).download()`).
   */
  downloadArtifact?(artifact: Artifact, options: never): Promise<unknown>;
  /**
   * Saves a run's Parquet history export files in folder `dir` (`run.downloadHistoryExports`).
   * Only platforms with a file system have it.
   */
  downloadHistoryExports?(
    session: Session,
    run: RunRef,
    dir: string,
    options: DownloadHistoryExportsOptions,
  ): Promise<HistoryExportsDownload>;
}

/** The download options type of a platform. */
export type DownloadOptionsOf<P extends Platform> = P extends Platform<infer O, unknown> ? O : never;

/** The download result type of a platform. */
export type DownloadResultOf<P extends Platform> = P extends Platform<unknown, infer R> ? R : never;

/** The options of a platform's whole-artifact download; `never` when it has none. */
export type ArtifactDownloadOptionsOf<P extends Platform> = P extends {
  downloadArtifact(artifact: Artifact, options: infer O): Promise<unknown>;
}
  ? O
  : never;

/** The result of a platform's whole-artifact download (a folder path on Node); `never` when it has none. */
export type ArtifactDownloadResultOf<P extends Platform> = P extends {
  downloadArtifact(artifact: Artifact, options: never): Promise<infer R>;
}
  ? R
  : never;

/**
 * The arguments of `artifact.download()`: the platform's options (optional), or a required
 * `never` (no call type-checks) on a platform without whole-artifact downloads.
 */
export type ArtifactDownloadArgs<P extends Platform> = [ArtifactDownloadOptionsOf<P>] extends [never]
  ? [options: never]
  : [options?: ArtifactDownloadOptionsOf<P>];
