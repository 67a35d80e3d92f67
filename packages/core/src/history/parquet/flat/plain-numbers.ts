import { FlatChunkError, NotFlatError } from './byte-cursor';

/** The physical types the flat decoder reads, and their width in bytes. */
export const FLAT_TYPES = { DOUBLE: 8, FLOAT: 4, INT32: 4, INT64: 8 } as const;

/** A physical type the flat decoder reads. */
export type FlatType = keyof typeof FLAT_TYPES;

/** Typed arrays hold numbers in the platform's byte order; Parquet's is little-endian. */
export const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** `length` bytes of `bytes` from `pos`, at an offset aligned to `align` (copied when they are not). */
function aligned(bytes: Uint8Array, pos: number, length: number, align: number): Uint8Array {
  const view = bytes.subarray(pos, pos + length);
  return view.byteOffset % align === 0 ? view : view.slice();
}

/**
 * Reads `count` PLAIN-encoded values of `type` from `bytes` at `pos` into `out[0, count)`, as
 * numbers: FLOAT widened, INT32 as is, INT64 when it is a safe integer.
 *
 * @throws NotFlatError for an INT64 beyond the safe integers (hyparquet keeps it a BigInt).
 */
export function readPlainNumbers(
  bytes: Uint8Array,
  pos: number,
  type: FlatType,
  count: number,
  out: Float64Array,
): void {
  const length = count * FLAT_TYPES[type];
  if (pos + length > bytes.length) throw new FlatChunkError('values run past their page');
  if (type === 'DOUBLE') {
    new Uint8Array(out.buffer, out.byteOffset, length).set(bytes.subarray(pos, pos + length));
    return;
  }
  const raw = aligned(bytes, pos, length, 4);
  if (type === 'FLOAT') {
    out.set(new Float32Array(raw.buffer, raw.byteOffset, count));
    return;
  }
  if (type === 'INT32') {
    out.set(new Int32Array(raw.buffer, raw.byteOffset, count));
    return;
  }
  // INT64 as two 32-bit halves: exact while the high half keeps |value| ≤ 2^53 − 1.
  const halves = new Int32Array(raw.buffer, raw.byteOffset, count * 2);
  for (let i = 0; i < count; i++) {
    const low = (halves[2 * i] as number) >>> 0;
    const high = halves[2 * i + 1] as number;
    if (high < -0x200000 || high > 0x1fffff || (high === -0x200000 && low === 0)) {
      throw new NotFlatError('INT64 value beyond the safe integers');
    }
    out[i] = high * 0x100000000 + low;
  }
}
