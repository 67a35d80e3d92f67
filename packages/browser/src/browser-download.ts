import type { FileSource } from '@wbapi/core';

/** Progress of a browser download. */
export interface BrowserDownloadProgress {
  /** Bytes received so far. */
  bytes: number;
  /** Size of the whole file when known, else `null`. */
  totalBytes: number | null;
}

/** Options of `file.download()` in browsers. */
export interface BrowserDownloadOptions {
  /** `'blob'` collects the bytes into a Blob; `'stream'` hands back the ReadableStream. @defaultValue `'blob'` */
  as?: 'blob' | 'stream';
  /** Called as bytes arrive (for streams: as the caller reads them). */
  onProgress?: (progress: BrowserDownloadProgress) => void;
  /** Aborts the download. */
  signal?: AbortSignal;
  /** MIME type of the Blob; defaults to the file's own when the source knows it. */
  type?: string;
}

/** What a browser download gives: a Blob, or a stream with `as: 'stream'`. */
export type BrowserDownloadResult = Blob | ReadableStream<Uint8Array>;

function counting(
  body: ReadableStream<Uint8Array>,
  totalBytes: number | null,
  onProgress: (progress: BrowserDownloadProgress) => void,
): ReadableStream<Uint8Array> {
  let bytes = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        bytes += chunk.byteLength;
        controller.enqueue(chunk);
        onProgress({ bytes, totalBytes });
      },
    }),
  );
}

/**
 * Downloads a run file in the browser: into a Blob (typed with the file's MIME type) or, with
 * `as: 'stream'`, as a ReadableStream. Rejects with the signal's reason when aborted.
 * The MD5 is not checked here: browsers have no built-in MD5.
 */
export async function downloadInBrowser(
  source: FileSource,
  options: BrowserDownloadOptions = {},
): Promise<BrowserDownloadResult> {
  options.signal?.throwIfAborted();
  const opened = await source.open(options.signal ? { signal: options.signal } : {});
  const body = options.onProgress
    ? counting(opened.body, opened.totalBytes, options.onProgress)
    : opened.body;
  if (options.as === 'stream') return body;
  const chunks: Uint8Array[] = [];
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
    }
  } catch (error) {
    options.signal?.throwIfAborted();
    throw error;
  }
  const type = options.type ?? source.mimetype ?? '';
  return new Blob(chunks as BlobPart[], { type });
}
