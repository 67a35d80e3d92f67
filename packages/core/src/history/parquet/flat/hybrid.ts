import { FlatChunkError, readVarint, type ByteCursor } from './byte-cursor';

/**
 * Reads `count` values of the RLE/bit-packed hybrid encoding (definition levels, dictionary
 * indices; https://parquet.apache.org/docs/file-format/data-pages/encodings/) of `width` bits
 * each from the cursor, up to `end`, into `out` from `at`.
 */
export function readHybrid(
  cursor: ByteCursor,
  end: number,
  width: number,
  count: number,
  out: Uint8Array | Uint32Array,
  at: number,
): void {
  const { bytes } = cursor;
  const valueBytes = (width + 7) >> 3;
  let done = 0;
  while (done < count) {
    const header = readVarint(cursor, end);
    const half = Math.floor(header / 2);
    if (header % 2 === 0) {
      // An RLE run: `half` times one value of `valueBytes` little-endian bytes.
      if (cursor.pos + valueBytes > end) throw new FlatChunkError('RLE run runs past its page');
      let value = 0;
      for (let b = 0; b < valueBytes; b++) value += (bytes[cursor.pos + b] as number) * 2 ** (8 * b);
      cursor.pos += valueBytes;
      const n = Math.min(half, count - done);
      out.fill(value, at + done, at + done + n);
      done += n;
      continue;
    }
    // Bit-packed: `half` groups of 8 values, `width` bits each, least significant bit first.
    const start = cursor.pos;
    const stop = start + half * width;
    if (stop > end) throw new FlatChunkError('bit-packed run runs past its page');
    const n = Math.min(half * 8, count - done);
    if (width === 1) {
      for (let i = 0; i < n; i++) out[at + done + i] = ((bytes[start + (i >> 3)] as number) >> (i & 7)) & 1;
    } else {
      unpack(bytes, start, width, n, out, at + done);
    }
    cursor.pos = stop;
    done += n;
  }
}

/** `n` values of `width` bits (up to 32) packed from bit 0 of `bytes[start]`. */
function unpack(
  bytes: Uint8Array,
  start: number,
  width: number,
  n: number,
  out: Uint8Array | Uint32Array,
  at: number,
): void {
  let bit = 0;
  for (let i = 0; i < n; i++) {
    let value = 0;
    let got = 0;
    let byte = start + (bit >> 3);
    let shift = bit & 7;
    while (got < width) {
      const take = Math.min(8 - shift, width - got);
      value += (((bytes[byte] as number) >> shift) & ((1 << take) - 1)) * 2 ** got;
      got += take;
      shift = 0;
      byte++;
    }
    out[at + i] = value;
    bit += width;
  }
}
