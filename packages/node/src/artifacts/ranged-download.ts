import { randomBytes } from 'node:crypto';
import { mkdir, open, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { NetworkError, type OpenedFile } from '@wbapi/core';
import { md5OfFile } from './md5-of-file';
import { runPool, type Semaphore } from './pool';

/** Opens bytes `offset..end` (inclusive) of a file. */
export type OpenRange = (range: { offset: number; end: number; signal: AbortSignal }) => Promise<OpenedFile>;

/** Options of {@link downloadInParts}. */
export interface PartsOptions {
  size: number;
  partSize: number;
  concurrency: number;
  signal?: AbortSignal | undefined;
  /** Called with the number of bytes just written. */
  onBytes?: ((count: number) => void) | undefined;
  /** How often a dropped part is resumed. @defaultValue 5 */
  maxResumes?: number;
  /** Shared limit on requests in flight (each part holds a slot). */
  slots?: Semaphore | undefined;
}

async function fillPart(
  openRange: OpenRange,
  handle: FileHandle,
  part: { start: number; end: number },
  options: PartsOptions,
  signal: AbortSignal,
): Promise<void> {
  let position = part.start;
  for (let resumes = 0; ; resumes++) {
    signal.throwIfAborted();
    const opened = await openRange({ offset: position, end: part.end, signal });
    if (opened.offset !== position) {
      await opened.body.cancel().catch(() => undefined);
      // A server that ignores Range would corrupt the file (the SDK writes whatever comes).
      throw new NetworkError(
        `Server answered a Range request for byte ${position} from byte ${opened.offset}`,
      );
    }
    const reader = opened.body.getReader();
    let dropped: unknown;
    try {
      while (position <= part.end) {
        let chunk: ReadableStreamReadResult<Uint8Array>;
        try {
          chunk = await reader.read();
        } catch (error) {
          dropped = error;
          break;
        }
        if (chunk.done) break;
        const bytes = chunk.value.subarray(0, part.end - position + 1);
        let written = 0;
        while (written < bytes.byteLength) {
          const { bytesWritten } = await handle.write(
            bytes,
            written,
            bytes.byteLength - written,
            position + written,
          );
          written += bytesWritten;
        }
        position += bytes.byteLength;
        options.onBytes?.(bytes.byteLength);
      }
    } finally {
      await reader.cancel().catch(() => undefined);
    }
    if (position > part.end) return;
    if (resumes >= (options.maxResumes ?? 5)) {
      throw new NetworkError(`Part at byte ${part.start} failed after ${resumes} resumes`, {
        cause: dropped,
      });
    }
  }
}

/**
 * Downloads a file in `partSize` Range requests run in parallel, each written at its offset of a
 * temporary file beside `target` (a dropped part resumes where it stopped). Returns the base64
 * MD5 of the whole file (read back from disk) and the temporary path; the caller checks the MD5
 * and renames or removes the file.
 */
export async function downloadInParts(
  openRange: OpenRange,
  target: string,
  options: PartsOptions,
): Promise<{ tempPath: string; md5: string }> {
  await mkdir(dirname(target), { recursive: true });
  const tempPath = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.part`);
  const handle = await open(tempPath, 'wx');
  try {
    const parts: { start: number; end: number }[] = [];
    for (let start = 0; start < options.size; start += options.partSize) {
      parts.push({ start, end: Math.min(options.size, start + options.partSize) - 1 });
    }
    await runPool(
      parts,
      options.concurrency,
      (part, signal) => {
        const fill = () => fillPart(openRange, handle, part, options, signal);
        return options.slots ? options.slots.run(fill) : fill();
      },
      options.signal,
    );
    await handle.close();
    return { tempPath, md5: await md5OfFile(tempPath) };
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(tempPath, { force: true });
    throw error;
  }
}
