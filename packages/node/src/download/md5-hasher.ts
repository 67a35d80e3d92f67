import { createHash, type Hash } from 'node:crypto';
import { WorkerMd5 } from './worker-md5';

/** An incremental MD5 of the bytes of a download, in the order they were written. */
export interface Md5Hasher {
  /** Adds bytes; the chunk may be reused once this returns. A promise means: wait before adding more. */
  update(chunk: Uint8Array): Promise<void> | undefined;
  /** Starts over, as if no bytes had been added. */
  reset(): void;
  /** Base64 MD5 of all bytes added since the start or the last reset. */
  digest(): Promise<string>;
  /** Frees what the hasher holds (a worker thread); safe to call more than once. */
  close(): Promise<void>;
}

/**
 * The size from which {@link createMd5Hasher} hashes in a worker thread when asked to (its
 * `minWorkerBytes`): starting a worker costs about 60-110 ms of CPU on a 2-core machine, about
 * what hashing 32 MiB costs. Downloads hash inline: a worker saves wall time only where a core is
 * idle, and costs CPU for its start and for copying every chunk into its ring (200 MB on 2 shared
 * cores: 6.23 ms/MB of process CPU with the worker, 5.61 inline, `pnpm bench --only=download`).
 */
export const WORKER_MD5_MIN_BYTES = 32 * 1024 * 1024;

/** MD5 on the calling thread. */
export class InlineMd5 implements Md5Hasher {
  private hash: Hash = createHash('md5');

  update(chunk: Uint8Array): undefined {
    this.hash.update(chunk);
    return undefined;
  }

  reset(): void {
    this.hash = createHash('md5');
  }

  digest(): Promise<string> {
    return Promise.resolve(this.hash.digest('base64'));
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** A hasher that hashes nothing, for downloads whose MD5 is not checked (its digest is `''`). */
export const NO_MD5: Md5Hasher = Object.freeze({
  update: (): undefined => undefined,
  reset: (): void => undefined,
  digest: (): Promise<string> => Promise.resolve(''),
  close: (): Promise<void> => Promise.resolve(),
});

/**
 * A hasher for a file of `sizeBytes`: in a worker thread from `minWorkerBytes` on (never by
 * default), inline below, and inline too where workers are not allowed (Node's permission model
 * without `--allow-worker`).
 */
export function createMd5Hasher(sizeBytes: number, minWorkerBytes = Number.POSITIVE_INFINITY): Md5Hasher {
  if (sizeBytes < minWorkerBytes) return new InlineMd5();
  try {
    return new WorkerMd5();
  } catch {
    return new InlineMd5();
  }
}
