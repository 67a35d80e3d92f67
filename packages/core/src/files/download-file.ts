import type { DownloadOptionsOf, DownloadResultOf, FileSource, Platform } from '../platform';
import type { RequestOptions, Session } from '../session/session';
import { fileUrl, type FileAttrs } from './file-attrs';
import { openFile, skipBytes } from './open-file';

/** What a platform's downloader reads from: name, URL, size, md5 and `open()` through the session. */
export function fileSource(session: Session, file: FileAttrs): FileSource {
  const url = fileUrl(file);
  return {
    name: file.name,
    url,
    sizeBytes: Number(file.sizeBytes ?? 0),
    md5: file.md5 ?? null,
    mimetype: file.mimetype ?? null,
    open: (options = {}) => openFile(session.client, url, options),
  };
}

/**
 * Downloads a file through the session's platform: a path on disk with `@wbapi/node`, a Blob
 * (or stream) with `@wbapi/browser`. Options and result are the platform's.
 *
 * @example
 * ```ts
 * const blob = await downloadFile(session, await getFile(session, ref, 'config.yaml'));
 * ```
 */
export function downloadFile<P extends Platform>(
  session: Session<P>,
  file: FileAttrs,
  options?: DownloadOptionsOf<P>,
): Promise<DownloadResultOf<P>> {
  const chosen = (options ?? {}) as DownloadOptionsOf<P>;
  return session.platform.download(fileSource(session, file), chosen) as Promise<DownloadResultOf<P>>;
}

/**
 * A file's bytes from `offset` as a web ReadableStream (no platform needed). A server that
 * ignores the Range request still yields only the bytes from `offset`.
 */
export async function streamFile(
  session: Session,
  file: FileAttrs,
  options: RequestOptions & { offset?: number } = {},
): Promise<ReadableStream<Uint8Array>> {
  const requested = options.offset ?? 0;
  const opened = await openFile(session.client, fileUrl(file), options);
  return opened.offset < requested ? skipBytes(opened.body, requested - opened.offset) : opened.body;
}
