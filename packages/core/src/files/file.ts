import type { DownloadOptionsOf, DownloadResultOf, FileSource, Platform } from '../platform';
import type { RequestOptions, Session } from '../session/session';
import { downloadFile, fileSource, streamFile } from './download-file';
import { fileUrl, type FileAttrs } from './file-attrs';

/**
 * A file saved by a run. `download()` hands the bytes to the platform (a path on disk in Node,
 * a Blob in the browser); `stream()` gives the bytes as a web ReadableStream anywhere.
 */
export class File<P extends Platform = Platform> {
  /** The raw GraphQL attributes. */
  readonly attrs: FileAttrs;
  /** @internal */
  readonly context: Session<P>;

  /** Builds a file from listing data; get files with `run.files()` or `run.file(name)`. */
  constructor(context: Session<P>, attrs: FileAttrs) {
    this.context = context;
    this.attrs = attrs;
  }

  /** The file's id. */
  get id(): string {
    return this.attrs.id;
  }
  /** The file's name, relative to the run (may contain `/`). */
  get name(): string {
    return this.attrs.name;
  }
  /** The download URL (behind the API's auth). */
  get url(): string {
    return fileUrl(this.attrs);
  }
  /** The storage URL. */
  get directUrl(): string {
    return this.attrs.directUrl;
  }
  /** Base64 MD5 of the content, as stored by W&B (not verified on download). */
  get md5(): string | null {
    return this.attrs.md5 ?? null;
  }
  /** The MIME type. */
  get mimetype(): string | null {
    return this.attrs.mimetype ?? null;
  }
  /** When the file was last updated (UTC ISO text). */
  get updatedAt(): string | null {
    return this.attrs.updatedAt ?? null;
  }
  /** The size in bytes (0 when unknown). */
  get sizeBytes(): number {
    return Number(this.attrs.sizeBytes ?? 0);
  }
  /** Alias of {@link File.sizeBytes}, the SDK's `size`. */
  get size(): number {
    return this.sizeBytes;
  }

  /** What the platform's downloader reads from: name, URL, size, md5 and `open()`. */
  source(): FileSource {
    return fileSource(this.context, this.attrs);
  }

  /** Downloads the file through the platform (options and result depend on the platform). */
  download(options?: DownloadOptionsOf<P>): Promise<DownloadResultOf<P>> {
    return downloadFile(this.context, this.attrs, options);
  }

  /**
   * The file's bytes from `offset` as a web ReadableStream (no platform needed). A server that
   * ignores the Range request still yields only the bytes from `offset`.
   */
  stream(options: RequestOptions & { offset?: number } = {}): Promise<ReadableStream<Uint8Array>> {
    return streamFile(this.context, this.attrs, options);
  }

  /** `<File name (size bytes)>`. */
  toString(): string {
    return `<File ${this.name} (${this.sizeBytes} bytes)>`;
  }
}
