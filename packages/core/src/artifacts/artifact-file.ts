import type { ArtifactFileFieldsFragment } from '@wbapi/gql';
import type { Session, RequestOptions } from '../session/session';
import { malformedReply } from '../errors/malformed-reply';
import { AuthenticationError } from '../errors/authentication-error';
import { HttpError } from '../errors/http-error';
import type { DownloadOptionsOf, DownloadResultOf, FileSource, OpenedFile, Platform } from '../platform';
import { describeFileResponse } from '../transport';
import type { Artifact } from './artifact';
import { refreshFileUrl } from './files-page';

/** The raw GraphQL attributes of an artifact file. */
export type ArtifactFileAttrs = ArtifactFileFieldsFragment;

/** How many times an expired URL is asked for again before a 401/403 is final. */
export const URL_REFRESHES = 3;

/** Options of opening a file's bytes. */
export interface OpenArtifactBytesOptions extends RequestOptions {
  /** First byte wanted. @defaultValue 0 */
  offset?: number;
  /** Last byte wanted (inclusive). @defaultValue the end of the file */
  end?: number;
  /**
   * The authenticated URL to try once when the direct URL fails for good (a 4xx other than
   * 429, or 401/403 after the refreshes); see `fallbackUrl`.
   */
  fallback?: () => Promise<string | null>;
}

/** Whether a failed GET of a direct URL should be tried at the fallback URL. */
function wantsFallback(error: unknown): boolean {
  if (error instanceof AuthenticationError) return true;
  return (
    error instanceof HttpError &&
    error.status >= 400 &&
    error.status < 500 &&
    error.status !== 429 &&
    error.status !== 416
  );
}

async function openUrl(
  artifact: Artifact,
  url: string,
  offset: number,
  call: RequestOptions & { end?: number },
) {
  const response = await artifact.context.client.fetchFile(url, { ...call, offset });
  if (!response.body) throw malformedReply('file response has no body');
  const info = describeFileResponse(response, offset);
  return { body: response.body, offset: info.offset, totalBytes: info.totalBytes };
}

/**
 * GETs an artifact file's bytes at its `directUrl`; a 401/403 (an expired signed URL) fetches a
 * fresh URL for that file and tries again, up to {@link URL_REFRESHES} times; a direct URL that
 * still fails with a 4xx is tried once at `options.fallback` (credentials go only there, the
 * API's own origin).
 */
export async function openArtifactBytes(
  artifact: Artifact,
  name: string,
  url: { current: string },
  options: OpenArtifactBytesOptions = {},
): Promise<OpenedFile> {
  const { offset = 0, fallback, ...call } = options;
  for (let refresh = 0; ; refresh++) {
    try {
      return await openUrl(artifact, url.current, offset, call);
    } catch (error) {
      if (error instanceof AuthenticationError && refresh < URL_REFRESHES) {
        url.current = await refreshFileUrl(artifact, name, call);
        continue;
      }
      const other = fallback && wantsFallback(error) ? await fallback() : null;
      if (!other) throw error;
      return openUrl(artifact, other, offset, call);
    }
  }
}

/**
 * One file of an artifact version (a manifest entry as the server lists it). For references,
 * `directUrl` is the reference URI itself.
 */
export class ArtifactFile<P extends Platform = Platform> {
  /** The raw GraphQL attributes. */
  readonly attrs: ArtifactFileAttrs;
  /** The artifact the file belongs to. */
  readonly artifact: Artifact<P>;
  private readonly url_: { current: string };

  /** Builds a file from listing data; get files with `artifact.files()` or `artifact.file(name)`. */
  constructor(artifact: Artifact<P>, attrs: ArtifactFileAttrs) {
    this.artifact = artifact;
    this.attrs = attrs;
    this.url_ = { current: attrs.directUrl };
  }

  /** @internal */
  get context(): Session<P> {
    return this.artifact.context;
  }
  /** Path of the file in the artifact (may contain `/`). */
  get name(): string {
    return this.attrs.name ?? '';
  }
  /** Size in bytes. */
  get sizeBytes(): number {
    return Number(this.attrs.sizeBytes);
  }
  /** Base64 MD5 of a stored file; null for references. */
  get md5(): string | null {
    return this.attrs.md5 ?? null;
  }
  /** The manifest digest (base64 MD5, or a reference's ETag/URL). */
  get digest(): string | null {
    return this.attrs.digest ?? null;
  }
  /** Where the bytes can be fetched without credentials (a reference's URI for references). */
  get directUrl(): string {
    return this.url_.current;
  }
  /** URL behind the API's auth (the reference URI for references). */
  get url(): string | null {
    return this.attrs.url ?? null;
  }
  /** MIME type, or null. */
  get mimetype(): string | null {
    return this.attrs.mimetype ?? null;
  }

  /** Opens the bytes from `offset` (refreshing an expired URL). */
  open(options: OpenArtifactBytesOptions = {}): Promise<OpenedFile> {
    return openArtifactBytes(this.artifact, this.name, this.url_, options);
  }

  /** What a platform's downloader reads from (the `md5` is checked against the bytes). */
  source(): FileSource {
    return {
      name: this.name,
      url: this.directUrl,
      sizeBytes: this.sizeBytes,
      md5: this.md5,
      mimetype: this.mimetype,
      open: (options = {}) => this.open(options),
    };
  }

  /**
   * Downloads this one file through the platform (a path under `root` in Node, a Blob in
   * browsers), checked against its MD5. References are not downloaded this way.
   */
  download(options?: DownloadOptionsOf<P>): Promise<DownloadResultOf<P>> {
    return this.context.platform.download(this.source(), (options ?? {}) as DownloadOptionsOf<P>) as Promise<
      DownloadResultOf<P>
    >;
  }

  /** The bytes from `offset` as a web ReadableStream (refreshing an expired URL). */
  async stream(options: OpenArtifactBytesOptions = {}): Promise<ReadableStream<Uint8Array>> {
    return (await this.open(options)).body;
  }

  /** `<ArtifactFile name (size bytes)>`. */
  toString(): string {
    return `<ArtifactFile ${this.name} (${this.sizeBytes} bytes)>`;
  }
}
