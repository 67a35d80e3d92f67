import { Worker } from 'node:worker_threads';
import type { Md5Hasher } from './md5-hasher';

// Inlined and run with `eval` so that the ESM and CJS builds need no second entry file and no
// path resolution at run time. Bytes travel in a shared ring of slots, filled and hashed in the
// same order on both sides; a message says how many bytes the next slot holds and the reply
// frees it. Nothing is allocated per batch, which keeps the main thread's GC quiet.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { ring, slotBytes } = workerData;
const slots = ring.byteLength / slotBytes;
let hash = createHash('md5');
let next = 0;
parentPort.on('message', (message) => {
  if (message === 'reset') hash = createHash('md5');
  else if (message === 'digest') parentPort.postMessage(hash.digest('base64'));
  else {
    hash.update(new Uint8Array(ring, next * slotBytes, message));
    next = (next + 1) % slots;
    parentPort.postMessage(message);
  }
});
`;

/** Bytes of one slot, sent as one message: large enough that messaging costs little. */
const SLOT_BYTES = 1024 * 1024;
/** Slots in the ring: how far the main thread may run ahead of the worker. */
const SLOTS = 4;

interface Pending {
  kind: 'room' | 'digest';
  resolve: (digest: string) => void;
  reject: (error: unknown) => void;
}

/**
 * MD5 in a worker thread, so that hashing runs beside the network and disk work instead of on
 * the main thread. Bytes are copied into a {@link SLOTS} × 1 MiB shared ring; `update` asks the
 * caller to wait when every slot is taken, so memory stays flat. The worker does not keep the
 * process alive except while a caller waits for it.
 */
export class WorkerMd5 implements Md5Hasher {
  private readonly worker: Worker;
  private readonly ring = new SharedArrayBuffer(SLOTS * SLOT_BYTES);
  private readonly slots = Array.from(
    { length: SLOTS },
    (_, i) => new Uint8Array(this.ring, i * SLOT_BYTES, SLOT_BYTES),
  );
  private slot = 0;
  private filled = 0;
  private inFlight = 0;
  private pending: Pending | undefined;
  private failure: unknown;

  constructor() {
    // No execArgv: loaders such as `--import tsx` would only slow the worker's start.
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      execArgv: [],
      workerData: { ring: this.ring, slotBytes: SLOT_BYTES },
    });
    this.worker.unref();
    this.worker.on('message', (message: number | string) => this.receive(message));
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`MD5 worker exited with code ${code}`)));
  }

  update(chunk: Uint8Array): Promise<void> | undefined {
    if (this.failure !== undefined) throw this.failure;
    for (let offset = 0; offset < chunk.byteLength;) {
      // Every slot taken (only when one chunk is larger than the ring): wait for the worker.
      if (this.inFlight === SLOTS) return this.wait('room').then(() => this.update(chunk.subarray(offset)));
      const count = Math.min(SLOT_BYTES - this.filled, chunk.byteLength - offset);
      const bytes =
        offset === 0 && count === chunk.byteLength ? chunk : chunk.subarray(offset, offset + count);
      (this.slots[this.slot] as Uint8Array).set(bytes, this.filled);
      this.filled += count;
      offset += count;
      if (this.filled === SLOT_BYTES) this.send();
    }
    if (this.inFlight < SLOTS) return undefined;
    return this.wait('room').then(() => undefined);
  }

  reset(): void {
    this.filled = 0;
    this.worker.postMessage('reset');
  }

  digest(): Promise<string> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (this.filled > 0) this.send();
    this.worker.postMessage('digest');
    return this.wait('digest');
  }

  async close(): Promise<void> {
    this.fail(new Error('MD5 worker closed'));
    await this.worker.terminate();
  }

  private send(): void {
    this.worker.postMessage(this.filled);
    this.slot = (this.slot + 1) % SLOTS;
    this.filled = 0;
    this.inFlight++;
  }

  private receive(message: number | string): void {
    const pending = this.pending;
    if (typeof message === 'string') {
      if (pending?.kind === 'digest') this.settle().resolve(message);
      return;
    }
    this.inFlight--;
    if (pending?.kind === 'room') this.settle().resolve('');
  }
  private wait(kind: Pending['kind']): Promise<string> {
    // Referenced only while awaited: an unreferenced worker would let the process exit meanwhile.
    this.worker.ref();
    return new Promise((resolve, reject) => {
      this.pending = { kind, resolve, reject };
    });
  }

  private settle(): Pending {
    const pending = this.pending as Pending;
    this.pending = undefined;
    this.worker.unref();
    return pending;
  }

  private fail(error: unknown): void {
    this.failure ??= error;
    if (this.pending) this.settle().reject(this.failure);
  }
}
