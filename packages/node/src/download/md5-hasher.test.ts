import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createMd5Hasher, InlineMd5, WORKER_MD5_MIN_BYTES, type Md5Hasher } from './md5-hasher';
import { WorkerMd5 } from './worker-md5';

const BYTES = randomBytes(5 * 1024 * 1024 + 321);
const md5 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest('base64');

/** Feeds `bytes` in uneven chunks that cross the worker's 1 MiB batches, waiting when asked to. */
async function feed(hasher: Md5Hasher, bytes: Uint8Array): Promise<void> {
  const sizes = [1, 65_536, 1_048_577, 7, 300_000];
  for (let offset = 0, i = 0; offset < bytes.length; i++) {
    const end = Math.min(bytes.length, offset + (sizes[i % sizes.length] as number));
    await hasher.update(bytes.subarray(offset, end));
    offset = end;
  }
}

/** Runs `test` with a new hasher and closes it afterwards. */
async function withHasher(make: () => Md5Hasher, test: (hasher: Md5Hasher) => Promise<void>): Promise<void> {
  const hasher = make();
  try {
    await test(hasher);
  } finally {
    await hasher.close();
  }
}

describe.each([
  ['WorkerMd5', () => new WorkerMd5()],
  ['InlineMd5', () => new InlineMd5()],
])('%s', (_name, make) => {
  it('gives the MD5 of all bytes added, in order', () =>
    withHasher(make, async (hasher) => {
      await feed(hasher, BYTES);
      expect(await hasher.digest()).toBe(md5(BYTES));
    }));

  it('takes a chunk larger than all it holds at once', () =>
    withHasher(make, async (hasher) => {
      await hasher.update(BYTES);
      expect(await hasher.digest()).toBe(md5(BYTES));
    }));

  it('forgets the bytes added before a reset', () =>
    withHasher(make, async (hasher) => {
      await feed(hasher, BYTES.subarray(0, 2_500_000));
      hasher.reset();
      await feed(hasher, BYTES.subarray(1000));
      expect(await hasher.digest()).toBe(md5(BYTES.subarray(1000)));
    }));

  it('leaves the chunks it was given untouched', () =>
    withHasher(make, async (hasher) => {
      const copy = Buffer.from(BYTES);
      await feed(hasher, copy);
      await hasher.digest();
      expect(copy.equals(BYTES)).toBe(true);
    }));
});

describe('WorkerMd5 after close', () => {
  it('refuses more bytes and digests, and may be closed again', async () => {
    const hasher = new WorkerMd5();
    await hasher.close();
    expect(() => hasher.update(BYTES)).toThrow(/closed/);
    await expect(hasher.digest()).rejects.toThrow(/closed/);
    await expect(hasher.close()).resolves.toBeUndefined();
  });

  it('rejects a digest that was waited for when closed meanwhile', async () => {
    const hasher = new WorkerMd5();
    await feed(hasher, BYTES);
    const digest = expect(hasher.digest()).rejects.toThrow(/closed/);
    await hasher.close();
    await digest;
  });
});

describe('createMd5Hasher', () => {
  it('hashes inline below the threshold and in a worker from it on, inline by default', async () => {
    const small = createMd5Hasher(WORKER_MD5_MIN_BYTES - 1, WORKER_MD5_MIN_BYTES);
    const large = createMd5Hasher(WORKER_MD5_MIN_BYTES, WORKER_MD5_MIN_BYTES);
    const byDefault = createMd5Hasher(10 * WORKER_MD5_MIN_BYTES);
    expect(small).toBeInstanceOf(InlineMd5);
    expect(large).toBeInstanceOf(WorkerMd5);
    expect(byDefault).toBeInstanceOf(InlineMd5);
    await Promise.all([small.close(), large.close(), byDefault.close()]);
  });
});
